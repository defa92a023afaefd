using System;
using System.Collections.Generic;

namespace ThuliumPS.Core.Journal;

/// <summary>
/// What a journal file says, as read when a command starts: the last entry of each (command, key), and which key
/// kinds each command used. Only the last entry counts: a later run's answer supersedes an earlier 'sent'.
/// </summary>
public sealed class JournalState
{
    private readonly Dictionary<string, JournalEntry> last = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> keyKinds = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many entries were read.</summary>
    public int Entries { get; private set; }

    /// <summary>How many lines were skipped (torn, damaged, or of an unknown version).</summary>
    public int Skipped { get; internal set; }

    /// <summary>Takes one entry read from the file, or just written to it.</summary>
    public void Apply(JournalEntry entry)
    {
        if (entry is null) throw new ArgumentNullException(nameof(entry));
        Entries++;
        last[Slot(entry.Command, entry.Key)] = entry;
        if (!keyKinds.TryGetValue(entry.Command, out var kinds))
        {
            kinds = new HashSet<string>(StringComparer.Ordinal);
            keyKinds.Add(entry.Command, kinds);
        }

        kinds.Add(entry.KeyBy);
    }

    /// <summary>The last entry for <paramref name="key"/> of <paramref name="command"/>, or null.</summary>
    public JournalEntry? Last(string command, string key) => last.TryGetValue(Slot(command, key), out var entry) ? entry : null;

    /// <summary>The key kinds <paramref name="command"/>'s entries used (empty when it has none).</summary>
    public IReadOnlyCollection<string> KeyKinds(string command) =>
        keyKinds.TryGetValue(command ?? throw new ArgumentNullException(nameof(command)), out var kinds) ? kinds : Array.Empty<string>();

    // Commands compare case-insensitively (PowerShell's command names do); keys exactly.
    private static string Slot(string command, string key) => command.ToUpperInvariant() + "\u0000" + key;
}
