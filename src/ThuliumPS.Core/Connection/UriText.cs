namespace ThuliumPS.Core.Connection;

/// <summary>
/// Makes a base URI (or an instance name, or anything an admin typed where one belongs) safe to echo in an error,
/// a message, a verbose line or an error record's target: user information (<c>user:password@</c>) is replaced by
/// <c>***@</c>. Admins paste URIs with the password in them; those must never reach $Error or a transcript.
/// </summary>
public static class UriText
{
    /// <summary>What stands in for removed user information.</summary>
    public const string Redacted = "***";

    /// <summary>
    /// <paramref name="text"/> with everything between the scheme's <c>//</c> (or the start, when there is none) and
    /// the LAST <c>@</c> replaced by <see cref="Redacted"/>. The last '@', because a password typed unencoded may
    /// hold '@', '/', ':' or '#' itself: cutting at a parser's idea of the authority could leave part of it behind.
    /// A path with an '@' of its own loses more than needed, which only shortens a message.
    /// </summary>
    public static string WithoutUserInfo(string text)
    {
        if (text is null || text.IndexOf('@') < 0)
        {
            return text!;
        }

        var at = text.LastIndexOf('@');
        var slashes = text.IndexOf("//", System.StringComparison.Ordinal);
        var start = slashes >= 0 && slashes < at ? slashes + 2 : 0;
        return text.Substring(0, start) + Redacted + text.Substring(at);
    }

    /// <summary>The URI as given (its original text), without user information: see <see cref="WithoutUserInfo(string)"/>.</summary>
    public static string WithoutUserInfo(System.Uri uri) =>
        WithoutUserInfo((uri ?? throw new System.ArgumentNullException(nameof(uri))).OriginalString);
}
