namespace ThuliumPS.Core.Tests.Support;

/// <summary>Finds the repository and the staged module from wherever the test assembly runs.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder holding ThuliumPS.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The top-level manifest, the version's single source.</summary>
    public static string SourceManifest => Path.Combine(RepositoryRoot, "ThuliumPS.psd1");

    /// <summary>Where <c>dotnet build</c> stages the importable module.</summary>
    public static string StagedModule => Path.Combine(RepositoryRoot, "out", "ThuliumPS");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ThuliumPS.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ThuliumPS.sln not found above " + AppContext.BaseDirectory);
    }
}
