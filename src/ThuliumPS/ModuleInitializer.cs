using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace ThuliumPS;

/// <summary>
/// Runs when the module is imported and removed. On Windows PowerShell 5.1 (.NET Framework) it stands in for the
/// binding redirects a module cannot declare: the staged dependencies reference each other in older versions than
/// the ones shipped (System.Text.Json 8 asks for System.Runtime.CompilerServices.Unsafe 6.0 while System.Memory asks
/// for 4.0.4.1, and so on), and .NET Framework refuses such mismatches. .NET (PowerShell 7) accepts a higher version
/// and needs no help, so the hook is only installed on .NET Framework.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string ModuleDirectory =
        Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;

    private static bool IsNetFramework =>
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public void OnImport()
    {
        if (IsNetFramework)
        {
            AppDomain.CurrentDomain.AssemblyResolve += ResolveFromModuleDirectory;
        }
    }

    /// <inheritdoc />
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        if (IsNetFramework)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromModuleDirectory;
        }
    }

    private static Assembly? ResolveFromModuleDirectory(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name).Name;
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        // Only our own staged files: never redirect an assembly PowerShell or the framework owns.
        var candidate = Path.Combine(ModuleDirectory, name + ".dll");
        return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
    }
}
