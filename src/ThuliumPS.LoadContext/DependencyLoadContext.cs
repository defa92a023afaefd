using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace ThuliumPS.LoadContext;

/// <summary>
/// The module's own load context: ThuliumPS.Core and every dependency staged beside it (Polly.Core,
/// Microsoft.Bcl.*, ...) load here, so an assembly of the same name that another module put into the default context
/// (an older Polly.Core, say) is never bound to ThuliumPS.Core, and ours is never bound to theirs.
/// </summary>
/// <remarks>
/// Assemblies that the .NET shared framework itself provides in an equal or newer version (System.Text.Json,
/// System.Memory, System.Buffers, ...) are left to the default context, as the .NET host does for any application
/// that ships an older copy: the staged copies are the netstandard2.0 builds meant for .NET Framework, and loading
/// them here would give this context a second, incompatible <c>Span&lt;T&gt;</c> or <c>IAsyncDisposable</c>. The
/// framework's copies cannot be replaced by another module (the default context always binds the framework's), so
/// they need no isolation.
/// </remarks>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private readonly string _dependencyDirectory;
    private readonly string _frameworkDirectory;

    /// <summary>Creates the context over the folder that holds ThuliumPS.Core and its dependencies.</summary>
    public DependencyLoadContext(string dependencyDirectory)
        : base("ThuliumPS", isCollectible: false)
    {
        _dependencyDirectory = dependencyDirectory;
        // The shared framework's folder (Microsoft.NETCore.App/<version>), where System.Private.CoreLib lives.
        _frameworkDirectory = RuntimeEnvironment.GetRuntimeDirectory();
    }

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name;
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var staged = Path.Combine(_dependencyDirectory, name + ".dll");
        if (!File.Exists(staged) || FrameworkProvides(name, staged))
        {
            // null: the default context binds it (framework assemblies, netstandard, System.Runtime ...).
            return null;
        }

        return LoadFromAssemblyPath(staged);
    }

    private bool FrameworkProvides(string name, string staged)
    {
        if (string.IsNullOrEmpty(_frameworkDirectory))
        {
            return false;
        }

        var framework = Path.Combine(_frameworkDirectory, name + ".dll");
        if (!File.Exists(framework))
        {
            return false;
        }

        var frameworkVersion = AssemblyName.GetAssemblyName(framework).Version;
        var stagedVersion = AssemblyName.GetAssemblyName(staged).Version;
        return frameworkVersion is not null && stagedVersion is not null && frameworkVersion >= stagedVersion;
    }
}
