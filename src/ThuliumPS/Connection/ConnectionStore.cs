using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace ThuliumPS.Connection;

/// <summary>
/// The default connection of each runspace (Connect-Thulium / Disconnect-Thulium). The module's
/// assembly is loaded once per process, so a static would be shared by every runspace: ForEach-Object -Parallel
/// runspaces would replace one another's default mid-run, and Disconnect-Thulium in one would clear another's.
/// Keyed weakly by runspace, so a closed runspace's entry goes with it. Nothing here ever disposes a connection:
/// replacing the default only changes which one commands use when given no -Connection.
/// </summary>
internal static class ConnectionStore
{
    private static readonly ConditionalWeakTable<object, Slot> Slots = new();

    // Cmdlets always run with a default runspace on their thread; the fallback only keeps a host that calls
    // one outside any runspace from failing (it then gets one process-wide default).
    private static readonly object NoRunspace = new();

    /// <summary>The calling runspace's default connection, if any.</summary>
    public static ThuliumConnection? Current => SlotOfCallingRunspace().Connection;

    /// <summary>Makes <paramref name="connection"/> the calling runspace's default (null: none).</summary>
    public static void Replace(ThuliumConnection? connection) => SlotOfCallingRunspace().Connection = connection;

    private static Slot SlotOfCallingRunspace() => Slots.GetValue((object?)Runspace.DefaultRunspace ?? NoRunspace, static _ => new Slot());

    private sealed class Slot
    {
        // Volatile: a runspace runs one pipeline at a time, but a host may read it from another thread.
        private volatile ThuliumConnection? connection;

        public ThuliumConnection? Connection
        {
            get => connection;
            set => connection = value;
        }
    }
}
