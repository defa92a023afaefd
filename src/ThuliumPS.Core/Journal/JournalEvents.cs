namespace ThuliumPS.Core.Journal;

/// <summary>The two kinds of journal entries.</summary>
public static class JournalEvents
{
    /// <summary>Written (and flushed to disk) before the item's request leaves: the server may act on it from now on.</summary>
    public const string Sent = "sent";

    /// <summary>What the server answered for the item.</summary>
    public const string Outcome = "outcome";
}
