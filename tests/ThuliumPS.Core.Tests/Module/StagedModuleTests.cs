using System.Runtime.InteropServices;
using ThuliumPS.Core.Tests.Support;

namespace ThuliumPS.Core.Tests.Module;

/// <summary>
/// The folder `dotnet build` stages at out/ThuliumPS must be importable as it is: everything the manifest names,
/// every runtime dependency, and never PowerShell's own System.Management.Automation. Layout: the module's own
/// assemblies at the root (ThuliumPS.dll, the loader and PowerShell 7's load context), ThuliumPS.Core and its
/// dependencies in dependencies/, which PowerShell does not probe, so they load only through the loader.
/// </summary>
public sealed class StagedModuleTests
{
    // Provided by the host: .NET Standard's facade (both PowerShell editions have it) and PowerShell itself.
    private static readonly HashSet<string> HostProvided = new(StringComparer.OrdinalIgnoreCase) { "netstandard", "System.Management.Automation" };

    // The only assemblies PowerShell loads from the module folder itself (into the default load context).
    private static readonly string[] RootAssemblies = ["ThuliumPS.dll", "ThuliumPS.LoadContext.dll", "ThuliumPS.Loader.dll"];

    private static string Staged(string file) => Path.Combine(RepositoryPaths.StagedModule, file);

    private static string Dependency(string file) => Path.Combine(RepositoryPaths.StagedModule, "dependencies", file);

    private static IEnumerable<string> StagedAssemblyPaths() =>
        Directory.GetFiles(RepositoryPaths.StagedModule, "*.dll", SearchOption.AllDirectories);

    [Fact]
    public void Staged_manifest_is_the_top_level_manifest()
    {
        Assert.Equal(File.ReadAllText(RepositoryPaths.SourceManifest), File.ReadAllText(Staged("ThuliumPS.psd1")));
    }

    [Fact]
    public void Staged_folder_holds_every_file_the_manifest_names()
    {
        var manifest = ModuleManifest.Load(Staged("ThuliumPS.psd1"));
        var named = new List<string> { manifest.Scalar("RootModule")! };
        named.AddRange(manifest.Array("FormatsToProcess") ?? []);
        named.AddRange(manifest.Array("TypesToProcess") ?? []);
        named.AddRange(manifest.Array("RequiredAssemblies") ?? []);
        named.AddRange(manifest.Array("NestedModules") ?? []);

        Assert.All(named, file => Assert.True(File.Exists(Staged(file)), $"manifest names '{file}', which is not staged"));
        Assert.Contains("ThuliumPS.Format.ps1xml", named);
    }

    [Fact]
    public void Every_reference_of_every_staged_assembly_is_staged_in_a_sufficient_version()
    {
        var staged = StagedAssemblyPaths()
            .Select(AssemblyFacts.Read)
            .ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("ThuliumPS", staged.Keys);
        Assert.Contains("ThuliumPS.Core", staged.Keys);

        // The load context is a .NET (PowerShell 7) assembly: its references are the shared framework's.
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var missing = from assembly in staged.Values
                      from reference in assembly.References
                      where !HostProvided.Contains(reference.Name!)
                      where !(IsNetCoreApp(assembly) && File.Exists(Path.Combine(runtime, reference.Name + ".dll")))
                      where !staged.TryGetValue(reference.Name!, out var found) || found.Version < reference.Version
                      select $"{assembly.Name} needs {reference.Name} {reference.Version}";

        Assert.Empty(missing);
    }

    [Fact]
    public void Module_root_holds_only_the_module_assemblies()
    {
        // Anything else at the root would be found by PowerShell's and .NET's probing of the module folder and could
        // load into the default context, beside another module's copy.
        var root = Directory.GetFiles(RepositoryPaths.StagedModule, "*.dll").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(RootAssemblies.Order(StringComparer.Ordinal), root);
    }

    [Theory]
    [InlineData("ThuliumPS.Core.dll")]
    [InlineData("System.Text.Json.dll")]
    [InlineData("Polly.Core.dll")]
    [InlineData("Microsoft.Bcl.TimeProvider.dll")]
    [InlineData("Microsoft.Bcl.AsyncInterfaces.dll")]
    public void Core_and_its_dependencies_are_staged_in_the_dependencies_folder(string file)
    {
        Assert.True(File.Exists(Dependency(file)), $"{file} is not in dependencies/");
    }

    [Fact]
    public void Cmdlet_assembly_references_only_Core_and_the_host()
    {
        // The loader hands the default context ThuliumPS.Core and nothing else: any other reference of ThuliumPS.dll
        // would have to be found in the default context, next to whatever another module loaded there.
        var cmdlets = AssemblyFacts.Read(Staged("ThuliumPS.dll"));
        Assert.Equal(["System.Management.Automation", "ThuliumPS.Core", "netstandard"], cmdlets.References.Select(r => r.Name!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Loader_references_nothing_but_the_host()
    {
        // It runs before anything of ours can be resolved, on both editions.
        var loader = AssemblyFacts.Read(Staged("ThuliumPS.Loader.dll"));
        Assert.Equal(".NETStandard,Version=v2.0", loader.TargetFramework);
        Assert.All(loader.References, r => Assert.Contains(r.Name!, HostProvided));
    }

    [Fact]
    public void Load_context_runs_on_the_oldest_PowerShell_7()
    {
        // PowerShell 7.4 runs on .NET 8: a newer target would not load there.
        var loadContext = AssemblyFacts.Read(Staged("ThuliumPS.LoadContext.dll"));
        Assert.Equal(".NETCoreApp,Version=v8.0", loadContext.TargetFramework);
        Assert.DoesNotContain(loadContext.References, r => r.Name!.StartsWith("ThuliumPS", StringComparison.Ordinal));
    }

    [Fact]
    public void Manifest_loads_the_loader_before_the_cmdlets()
    {
        // NestedModules are imported before RootModule: the loader's initializer must run before PowerShell lists
        // ThuliumPS.dll's cmdlets, whose base classes already need ThuliumPS.Core.
        var manifest = ModuleManifest.Load(Staged("ThuliumPS.psd1"));
        Assert.Equal(["ThuliumPS.Loader.dll"], manifest.Array("NestedModules")!);
    }

    private static bool IsNetCoreApp(AssemblyFacts assembly) =>
        assembly.TargetFramework?.StartsWith(".NETCoreApp,", StringComparison.Ordinal) == true;

    [Fact]
    public void Staged_folder_holds_the_license()
    {
        // The module folder is what gets copied or packaged: the license travels with it.
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.RepositoryRoot, "LICENSE")), File.ReadAllText(Staged("LICENSE")));
    }

    [Fact]
    public void Staged_folder_holds_the_changelog()
    {
        // The manifest's ReleaseNotes point at it.
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.RepositoryRoot, "CHANGELOG.md")), File.ReadAllText(Staged("CHANGELOG.md")));
    }

    [Fact]
    public void System_Management_Automation_is_never_staged()
    {
        Assert.DoesNotContain(StagedAssemblyPaths(), p => Path.GetFileName(p) == "System.Management.Automation.dll");
    }

    [Fact]
    public void Manifest_and_assembly_versions_agree()
    {
        var moduleVersion = Version.Parse(ModuleManifest.Load(RepositoryPaths.SourceManifest).Scalar("ModuleVersion")!);

        foreach (var path in RootAssemblies.Select(Staged).Append(Dependency("ThuliumPS.Core.dll")))
        {
            var facts = AssemblyFacts.Read(path);
            Assert.Equal(new Version(moduleVersion.Major, moduleVersion.Minor, moduleVersion.Build, 0), facts.Version);
            Assert.Equal(moduleVersion.ToString(), facts.InformationalVersion);
        }
    }

    [Theory]
    [InlineData("System.Text.Json")]
    [InlineData("Polly.Core")]
    [InlineData("Polly")]
    public void Cmdlet_assembly_does_not_reference_Core_dependencies(string dependency)
    {
        // Core's dependencies stay behind Core, so they load in the module's own context only.
        var cmdlets = AssemblyFacts.Read(Staged("ThuliumPS.dll"));
        Assert.DoesNotContain(cmdlets.References, r => string.Equals(r.Name, dependency, StringComparison.OrdinalIgnoreCase));
    }
}
