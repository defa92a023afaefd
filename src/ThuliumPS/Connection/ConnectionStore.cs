namespace ThuliumPS.Connection;

/// <summary>
/// The module-wide default connection (Connect-Thulium). Process-wide on purpose: thread jobs and runspaces of
/// one session share it, as a signed-in session would; -Connection overrides it per command.
/// </summary>
internal static class ConnectionStore
{
    private static readonly object Gate = new();
    private static ThuliumConnection? current;

    public static ThuliumConnection? Current
    {
        get
        {
            lock (Gate)
            {
                return current;
            }
        }
    }

    /// <summary>Makes <paramref name="connection"/> the default and releases the one it replaces.</summary>
    public static void Replace(ThuliumConnection? connection)
    {
        ThuliumConnection? old;
        lock (Gate)
        {
            old = current;
            current = connection;
        }

        if (old is not null && !ReferenceEquals(old, connection))
        {
            old.Dispose();
        }
    }
}
