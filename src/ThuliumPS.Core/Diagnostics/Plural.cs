using System.Globalization;

namespace ThuliumPS.Core.Diagnostics;

/// <summary>
/// A count with its noun in the right number ("1 item", "2 items", "0 entries") for messages, verbose lines and the
/// run summary: admins read these lines, and "1 items" or "entr(ies)" read as sloppy. English only, like every
/// message of the module, so the caller gives both forms.
/// </summary>
public static class Plural
{
    /// <summary><paramref name="count"/> and <paramref name="singular"/> when it is 1, else <paramref name="plural"/>.</summary>
    public static string Count(long count, string singular, string plural) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural);
}
