using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace ThuliumPS.LoadContext;

/// <summary>
/// Installs and removes the hook through which the default load context finds ThuliumPS.Core. ThuliumPS.dll (loaded
/// by PowerShell into the default context) references ThuliumPS.Core, which is staged in a folder nothing probes; when
/// the default context cannot find it, this hook hands it the copy loaded in the module's own context.
/// Called by reflection from ThuliumPS.Loader's ModuleInitializer (a netstandard2.0 assembly cannot name these types).
/// </summary>
public static class DependencyResolver
{
    /// <summary>The one assembly the default context is helped to: the only one ThuliumPS.dll references.</summary>
    private const string CoreAssemblyName = "ThuliumPS.Core";

    private static readonly object Gate = new();
    private static DependencyLoadContext? _context;
    private static bool _registered;

    /// <summary>
    /// Hooks <see cref="AssemblyLoadContext.Resolving"/> of the default context (once, however often the module is
    /// imported) and creates the module's load context over <paramref name="dependencyDirectory"/> the first time.
    /// </summary>
    /// <param name="dependencyDirectory">The folder holding ThuliumPS.Core.dll and its dependencies.</param>
    public static void Register(string dependencyDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dependencyDirectory);
        lock (Gate)
        {
            // One context for the process: the default context binds ThuliumPS.Core once and keeps that binding, so a
            // second context would only load a copy nobody uses.
            _context ??= new DependencyLoadContext(Path.GetFullPath(dependencyDirectory));
            if (!_registered)
            {
                AssemblyLoadContext.Default.Resolving += ResolveCore;
                _registered = true;
            }
        }
    }

    /// <summary>Removes the hook (the module was removed). Assemblies already loaded stay: a context that is not
    /// collectible cannot unload them, and a re-import finds them bound.</summary>
    public static void Unregister()
    {
        lock (Gate)
        {
            if (_registered)
            {
                AssemblyLoadContext.Default.Resolving -= ResolveCore;
                _registered = false;
            }
        }
    }

    private static Assembly? ResolveCore(AssemblyLoadContext defaultContext, AssemblyName name)
    {
        // Only our own assembly: any other name another module's code asks for (Polly.Core, say) is none of ours.
        if (!string.Equals(name.Name, CoreAssemblyName, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var context = _context;
        return context?.LoadFromAssemblyName(name);
    }
}
