namespace ThuliumPS.Results;

/// <summary>
/// The values of a result's <see cref="ThuliumItemResult.Outcome"/>: how one input item ended. Plain strings, so
/// that ConvertTo-Json, Export-Csv and a log line all show the word (an enum would travel as a number in JSON).
/// </summary>
public static class ThuliumOutcome
{
    /// <summary>The server did what was asked.</summary>
    public const string Succeeded = nameof(Succeeded);

    /// <summary>The item was not processed (refused locally or by the server, or its request failed for good).</summary>
    public const string Failed = nameof(Failed);

    /// <summary>
    /// A create whose answer never arrived: the server may have acted. Check before re-running
    /// (see about_ThuliumPS_Reliability); ThuliumPS never resends such an item itself.
    /// </summary>
    public const string Unknown = nameof(Unknown);

    /// <summary>
    /// Nothing was sent for the item, on purpose; Status says why: WhatIf (only rehearsed), Declined (answered No at
    /// the confirmation prompt) or StoppedAtFailure (-ErrorAction Stop ended the command at an earlier failure).
    /// </summary>
    public const string NotSent = nameof(NotSent);
}
