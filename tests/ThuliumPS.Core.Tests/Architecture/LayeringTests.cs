using System.Text.RegularExpressions;
using ThuliumPS.Core.Tests.Support;

namespace ThuliumPS.Core.Tests.Architecture;

/// <summary>
/// Core's folders depend one way, bottom to top, as docs/architecture.md draws them: a folder may use folders on
/// lower layers (and itself), never one on its own layer or above. A change that imports upward fails here, with
/// the file and the import named.
/// </summary>
public sealed partial class LayeringTests
{
    /// <summary>The layers, bottom first. Keep in step with docs/architecture.md.</summary>
    private static readonly Dictionary<string, int> LayerOf = new(StringComparer.Ordinal)
    {
        ["Polyfills"] = 0,
        ["Diagnostics"] = 0,
        ["Models"] = 1,
        ["Outcomes"] = 2,
        ["Json"] = 3,
        ["Input"] = 3,
        ["Connection"] = 4,
        ["Http"] = 5,
        ["Resilience"] = 6,
        ["Client"] = 7,
        ["Endpoints"] = 8,
        ["Bulk"] = 9,
        ["Journal"] = 10,
    };

    private static string CoreSource => Path.Combine(RepositoryPaths.RepositoryRoot, "src", "ThuliumPS.Core");

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(CoreSource, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                        && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal));

    private static string FolderOf(string file) => Path.GetRelativePath(CoreSource, file).Split(Path.DirectorySeparatorChar)[0];

    [GeneratedRegex(@"\bThuliumPS\.Core\.(\w+)")]
    private static partial Regex CoreReference();

    [Fact]
    public void Every_folder_of_Core_has_a_layer()
    {
        var folders = SourceFiles().Select(FolderOf).Where(f => !f.EndsWith(".cs", StringComparison.Ordinal)).Distinct().Order();
        Assert.All(folders, folder => Assert.True(LayerOf.ContainsKey(folder), $"src/ThuliumPS.Core/{folder} has no layer: add it to docs/architecture.md and to this test."));
        Assert.DoesNotContain(SourceFiles(), f => FolderOf(f).EndsWith(".cs", StringComparison.Ordinal) && !f.EndsWith("AssemblyInfo.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void No_folder_of_Core_uses_a_folder_on_its_own_layer_or_above()
    {
        var upward = new List<string>();
        foreach (var file in SourceFiles())
        {
            var folder = FolderOf(file);
            if (!LayerOf.TryGetValue(folder, out var layer))
            {
                continue; // reported by Every_folder_of_Core_has_a_layer
            }

            var code = StripComments(File.ReadAllText(file));
            foreach (Match reference in CoreReference().Matches(code))
            {
                var used = reference.Groups[1].Value;
                if (used != folder && LayerOf.TryGetValue(used, out var usedLayer) && usedLayer >= layer)
                {
                    upward.Add($"{Path.GetRelativePath(CoreSource, file)} uses {used} (layer {usedLayer}) from {folder} (layer {layer})");
                }
            }
        }

        Assert.Empty(upward.Distinct());
    }

    [Fact]
    public void The_guard_sees_an_upward_import()
    {
        // The check itself must be able to fail: an Http file importing Bulk is exactly what it exists to catch.
        var code = StripComments("using ThuliumPS.Core.Bulk;\n// using ThuliumPS.Core.Endpoints;\nnamespace ThuliumPS.Core.Http;");
        var used = CoreReference().Matches(code).Select(m => m.Groups[1].Value).Where(u => u != "Http").ToList();
        Assert.Equal(["Bulk"], used);
        Assert.True(LayerOf[used[0]] >= LayerOf["Http"]);
    }

    // Comments may name any folder (e.g. "the runner (Core/Bulk)"); only code counts.
    private static string StripComments(string code) => Regex.Replace(code, @"//[^\n]*|/\*.*?\*/", string.Empty, RegexOptions.Singleline);
}
