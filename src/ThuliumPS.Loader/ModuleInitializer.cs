using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace ThuliumPS.Loader;

/// <summary>
/// Runs when the module is imported and removed - as the nested module ThuliumPS.Loader.dll, which PowerShell loads
/// before RootModule ThuliumPS.dll, whose cmdlet types already need ThuliumPS.Core - and makes ThuliumPS.Core and
/// its dependencies, staged in the <c>dependencies</c> subfolder (which PowerShell does not probe), loadable:
/// <list type="bullet">
/// <item>On PowerShell 7 (.NET) they load into the module's own AssemblyLoadContext (ThuliumPS.LoadContext.dll), so
/// a different Polly.Core or System.Text.Json that another module loaded cannot break ThuliumPS, nor ThuliumPS break
/// it.</item>
/// <item>On Windows PowerShell 5.1 (.NET Framework, one load context per AppDomain) an AssemblyResolve hook loads
/// them from that folder; it also stands in for the binding redirects a module cannot declare (System.Text.Json 8
/// asks for System.Runtime.CompilerServices.Unsafe 6.0 while System.Memory asks for 4.0.4.1, and .NET Framework
/// refuses such mismatches).</item>
/// </list>
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    /// <summary>The subfolder of the module folder that holds ThuliumPS.Core and its dependencies.</summary>
    internal const string DependencyFolderName = "dependencies";

    private const string LoadContextAssemblyFile = "ThuliumPS.LoadContext.dll";
    private const string LoadContextResolverType = "ThuliumPS.LoadContext.DependencyResolver";

    // This assembly is staged at the module folder's root, beside ThuliumPS.dll.
    private static readonly string ModuleDirectory =
        Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;

    private static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, DependencyFolderName);

    private static bool IsNetFramework =>
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public void OnImport()
    {
        if (IsNetFramework)
        {
            AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencyDirectory;
        }
        else
        {
            // The manifest cannot say "5.1, or 7.4 and later": PowerShell 7.0-7.3 pass its check and would then fail
            // to load the net8.0 load-context assembly with an obscure error. Say what is needed instead.
            if (Environment.Version.Major < 8)
            {
                throw new PlatformNotSupportedException(
                    "ThuliumPS needs PowerShell 7.4 or later (on .NET 8 or later), or Windows PowerShell 5.1; this PowerShell runs on "
                    + RuntimeInformation.FrameworkDescription + ".");
            }

            InvokeLoadContextResolver("Register", DependencyDirectory);
        }
    }

    /// <inheritdoc />
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        if (IsNetFramework)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromDependencyDirectory;
        }
        else
        {
            InvokeLoadContextResolver("Unregister");
        }
    }

    /// <summary>
    /// Calls a static method of ThuliumPS.LoadContext's DependencyResolver. It is a net8.0 assembly (the load-context
    /// API is not in netstandard2.0), so this netstandard2.0 assembly cannot reference it and calls it by name; it
    /// loads into the default context, beside ThuliumPS.dll.
    /// </summary>
    private static void InvokeLoadContextResolver(string method, params object[] arguments)
    {
        var assembly = Assembly.LoadFrom(Path.Combine(ModuleDirectory, LoadContextAssemblyFile));
        var resolver = assembly.GetType(LoadContextResolverType, throwOnError: true)!;
        var target = resolver.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException(LoadContextResolverType, method);
        try
        {
            target.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            // The resolver's own exception says what went wrong; the reflection wrapper does not.
            throw new InvalidOperationException($"ThuliumPS could not {method.ToLowerInvariant()} its assembly load context: {e.InnerException.Message}", e.InnerException);
        }
    }

    /// <summary>
    /// Windows PowerShell 5.1 only. Resolves a name that failed to bind from the dependencies folder, and only from
    /// there: never redirects an assembly PowerShell or the framework owns.
    /// </summary>
    private static Assembly? ResolveFromDependencyDirectory(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name).Name;
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var candidate = Path.Combine(DependencyDirectory, name + ".dll");
        return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
    }
}
