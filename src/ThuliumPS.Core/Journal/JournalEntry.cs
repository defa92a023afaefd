using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ThuliumPS.Core.Journal;

/// <summary>
/// One line of a journal file (JSON Lines): either a <see cref="JournalEvents.Sent"/> entry, written before an
/// item's request leaves, or a <see cref="JournalEvents.Outcome"/> entry with what the server answered. The last
/// entry of a key decides what a re-run does with that item. Holds no connection data: no user, password, host or
/// header ever reaches a journal.
/// </summary>
public sealed class JournalEntry
{
    /// <summary>The format's version; a reader skips entries of a version it does not know.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The format's version.</summary>
    [JsonPropertyName("v")] public int Version { get; set; } = CurrentVersion;

    /// <summary>When the entry was written (UTC).</summary>
    [JsonPropertyName("time")] public DateTimeOffset Time { get; set; }

    /// <summary>The command that wrote it (New-ThuliumCustomer …): keys of different commands never mix.</summary>
    [JsonPropertyName("command")] public string Command { get; set; } = string.Empty;

    /// <summary>How the key was made (<see cref="JournalKeys.Hash"/>, <see cref="JournalKeys.Id"/>, or property:&lt;name&gt;).</summary>
    [JsonPropertyName("key_by")] public string KeyBy { get; set; } = string.Empty;

    /// <summary>The item's key.</summary>
    [JsonPropertyName("key")] public string Key { get; set; } = string.Empty;

    /// <summary><see cref="JournalEvents.Sent"/> or <see cref="JournalEvents.Outcome"/>.</summary>
    [JsonPropertyName("event")] public string Event { get; set; } = string.Empty;

    /// <summary>Succeeded, Failed or Unknown (outcome entries only).</summary>
    [JsonPropertyName("outcome")] public string? Outcome { get; set; }

    /// <summary>The status word of the result (Created, REMOVED, Rejected …).</summary>
    [JsonPropertyName("status")] public string? Status { get; set; }

    /// <summary>Why it failed (the engine's reason), for failed and unknown outcomes.</summary>
    [JsonPropertyName("reason")] public string? Reason { get; set; }

    /// <summary>The item's HTTP status.</summary>
    [JsonPropertyName("http_status")] public int? HttpStatus { get; set; }

    /// <summary>The ids the server gave, by name (customer_id, record_id, item_id).</summary>
    [JsonPropertyName("ids")] public Dictionary<string, long>? Ids { get; set; }

    /// <summary>The request_id of a whole-request error body.</summary>
    [JsonPropertyName("request_id")] public string? RequestId { get; set; }

    /// <summary>The server's message, for items that did not succeed.</summary>
    [JsonPropertyName("message")] public string? Message { get; set; }

    /// <summary>Which run wrote it (random per command invocation), to tell runs apart when reading the file.</summary>
    [JsonPropertyName("run")] public string? Run { get; set; }

    /// <summary>The item's InputIndex in that run.</summary>
    [JsonPropertyName("index")] public int? InputIndex { get; set; }
}
