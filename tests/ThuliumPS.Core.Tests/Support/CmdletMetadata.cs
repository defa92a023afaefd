using System.Reflection;
using System.Runtime.InteropServices;

namespace ThuliumPS.Core.Tests.Support;

/// <summary>One cmdlet as its metadata declares it, read without a PowerShell runtime.</summary>
internal sealed record CmdletInfo(string Name, Type Type, IReadOnlyDictionary<string, object?> Attribute, IReadOnlyList<PropertyInfo> Parameters, IReadOnlyList<string> OutputTypes);

/// <summary>
/// Reads the staged ThuliumPS.dll with MetadataLoadContext: nothing is executed, and System.Management.Automation
/// comes from PowerShellStandard's reference assembly.
/// </summary>
internal static class CmdletMetadata
{
    private static readonly Lazy<IReadOnlyList<CmdletInfo>> All = new(Read);

    public static IReadOnlyList<CmdletInfo> Cmdlets => All.Value;

    private static IReadOnlyList<CmdletInfo> Read()
    {
        var powerShellStandard = typeof(CmdletMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PowerShellStandardPath").Value!;
        var paths = Directory.GetFiles(RepositoryPaths.StagedModule, "*.dll", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"))
            .Append(Path.Combine(powerShellStandard, "lib", "netstandard2.0", "System.Management.Automation.dll"));
        var context = new MetadataLoadContext(new PathAssemblyResolver(paths));
        var assembly = context.LoadFromAssemblyPath(Path.Combine(RepositoryPaths.StagedModule, "ThuliumPS.dll"));

        // The context stays open for the test run: the types read from it are used by every test.
        return assembly.GetTypes()
            .Select(t => (Type: t, Cmdlet: t.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.Name == "CmdletAttribute")))
            .Where(x => x.Cmdlet is not null)
            .Select(x => new CmdletInfo(
                (string)x.Cmdlet!.ConstructorArguments[0].Value! + "-" + (string)x.Cmdlet.ConstructorArguments[1].Value!,
                x.Type,
                x.Cmdlet.NamedArguments.ToDictionary(n => n.MemberName, n => n.TypedValue.Value),
                x.Type.GetProperties().Where(p => p.GetCustomAttributesData().Any(a => a.AttributeType.Name == "ParameterAttribute")).ToList(),
                x.Type.GetCustomAttributesData().Where(a => a.AttributeType.Name == "OutputTypeAttribute")
                    .SelectMany(a => a.ConstructorArguments.SelectMany(Types)).ToList()))
            .ToList();
    }

    private static IEnumerable<string> Types(CustomAttributeTypedArgument argument) => argument.Value switch
    {
        Type type => [type.FullName!],
        IEnumerable<CustomAttributeTypedArgument> many => many.Select(m => ((Type)m.Value!).FullName!),
        _ => [],
    };
}
