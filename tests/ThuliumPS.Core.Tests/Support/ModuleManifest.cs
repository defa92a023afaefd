using System.Text.RegularExpressions;

namespace ThuliumPS.Core.Tests.Support;

/// <summary>
/// Reads the handful of keys the tests check from a .psd1 without PowerShell (none on the build machine).
/// Understands the two forms the manifest uses: <c>Key = 'value'</c> and <c>Key = @( 'a' 'b' )</c> / <c>@('a', 'b')</c>.
/// </summary>
internal sealed partial class ModuleManifest
{
    private readonly string text;

    private ModuleManifest(string text) => this.text = text;

    public static ModuleManifest Load(string path) => new(File.ReadAllText(path));

    /// <summary>The single-quoted scalar value of <paramref name="key"/>, or null when absent.</summary>
    public string? Scalar(string key)
    {
        var match = Regex.Match(text, @"^\s*" + Regex.Escape(key) + @"\s*=\s*'([^']*)'", RegexOptions.Multiline);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>The items of the <c>@( … )</c> array value of <paramref name="key"/>, or null when absent.</summary>
    public IReadOnlyList<string>? Array(string key)
    {
        var match = Regex.Match(text, @"^\s*" + Regex.Escape(key) + @"\s*=\s*@\(([^)]*)\)", RegexOptions.Multiline);
        if (!match.Success)
        {
            return null;
        }

        return QuotedItem().Matches(match.Groups[1].Value).Select(m => m.Groups[1].Value).ToList();
    }

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex QuotedItem();
}
