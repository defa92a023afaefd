using System.Management.Automation;
using ThuliumPS.Connection;

namespace ThuliumPS.Commands;

/// <summary>
/// Parameters every bulk cmdlet shares. The batching, ordering and writing logic lives in the generic base
/// derived from this one; this class only holds what is common to all five.
/// </summary>
public abstract class ThuliumBulkCommandBase : PSCmdlet
{
    /// <summary>The connection to use instead of the default one (Connect-Thulium, or the THULIUM_* environment variables).</summary>
    [Parameter]
    [ValidateNotNull]
    public ThuliumConnection? Connection { get; set; }

    /// <summary>How many requests may be in flight at once; the connection may pace them further when the server throttles.</summary>
    [Parameter]
    [ValidateRange(1, 16)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>Overrides the connection's retry count for this command.</summary>
    [Parameter]
    [ValidateRange(0, 20)]
    public int? MaximumRetryCount { get; set; }

    /// <summary>Overrides the connection's base backoff interval (seconds) for this command.</summary>
    [Parameter]
    [ValidateRange(0, 600)]
    public double? RetryIntervalSec { get; set; }

    /// <summary>Overrides the connection's longest single wait between retries (seconds) for this command.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public double? MaximumRetryWaitSec { get; set; }

    /// <summary>
    /// A journal file (JSON Lines) that records each item sent and its outcome, so the same command run again with the
    /// same journal sends only what is not done yet (see about_ThuliumPS, JOURNAL).
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? JournalPath { get; set; }

    /// <summary>The column or property whose value is an item's key in the journal (default: a hash of what is sent, or a delete's id).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KeyProperty { get; set; }

    /// <summary>Sends items again whose earlier answer was lost (the journal says Unknown); without it they stay Unknown.</summary>
    [Parameter]
    public SwitchParameter RetryUnknown { get; set; }
}
