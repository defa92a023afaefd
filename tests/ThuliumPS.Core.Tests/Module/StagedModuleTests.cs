using ThuliumPS.Core.Tests.Support;

namespace ThuliumPS.Core.Tests.Module;

/// <summary>
/// The folder `dotnet build` stages at out/ThuliumPS must be importable as it is: everything the manifest names,
/// every runtime dependency, and never PowerShell's own System.Management.Automation.
/// </summary>
public sealed class StagedModuleTests
{
    // Provided by the host: .NET Standard's facade (both PowerShell editions have it) and PowerShell itself.
    private static readonly HashSet<string> HostProvided = new(StringComparer.OrdinalIgnoreCase) { "netstandard", "System.Management.Automation" };

    private static string Staged(string file) => Path.Combine(RepositoryPaths.StagedModule, file);

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
        var staged = Directory.GetFiles(RepositoryPaths.StagedModule, "*.dll")
            .Select(AssemblyFacts.Read)
            .ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("ThuliumPS", staged.Keys);
        Assert.Contains("ThuliumPS.Core", staged.Keys);

        var missing = from assembly in staged.Values
                      from reference in assembly.References
                      where !HostProvided.Contains(reference.Name!)
                      where !staged.TryGetValue(reference.Name!, out var found) || found.Version < reference.Version
                      select $"{assembly.Name} needs {reference.Name} {reference.Version}";

        Assert.Empty(missing);
    }

    [Fact]
    public void Staged_folder_holds_the_license()
    {
        // The module folder is what gets copied or packaged: the license travels with it.
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.RepositoryRoot, "LICENSE")), File.ReadAllText(Staged("LICENSE")));
    }

    [Fact]
    public void System_Management_Automation_is_never_staged()
    {
        Assert.False(File.Exists(Staged("System.Management.Automation.dll")));
    }

    [Fact]
    public void Manifest_and_assembly_versions_agree()
    {
        var moduleVersion = Version.Parse(ModuleManifest.Load(RepositoryPaths.SourceManifest).Scalar("ModuleVersion")!);

        foreach (var name in new[] { "ThuliumPS.dll", "ThuliumPS.Core.dll" })
        {
            var facts = AssemblyFacts.Read(Staged(name));
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
        // Design rule 8: Core's dependencies stay behind Core, so they can be isolated later without touching cmdlets.
        var cmdlets = AssemblyFacts.Read(Staged("ThuliumPS.dll"));
        Assert.DoesNotContain(cmdlets.References, r => string.Equals(r.Name, dependency, StringComparison.OrdinalIgnoreCase));
    }
}
