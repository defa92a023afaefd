using System.Collections.Generic;
using System.Text.Json.Serialization;
using ThuliumPS.Core.Json;

namespace ThuliumPS.Core.Json.Responses;

/// <summary>
/// One item of a batch answer. One tolerant shape for every batch endpoint: each reads the fields it knows and
/// the others stay null; unknown properties are ignored.
/// </summary>
internal sealed class BatchItemResult
{
    /// <summary>The item's own HTTP status.</summary>
    [JsonPropertyName("http_status")]
    [JsonConverter(typeof(FlexibleInt32Converter))]
    public int? HttpStatus { get; set; }

    /// <summary>The server's status word (<c>REMOVED</c>, <c>NOT_EXIST</c> …).</summary>
    [JsonPropertyName("status")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Status { get; set; }

    /// <summary>The server's message (failures).</summary>
    [JsonPropertyName("message")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Message { get; set; }

    /// <summary>Id of a created customer (POST batch/customers; a JSON string in the docs).</summary>
    [JsonPropertyName("customer_id")]
    [JsonConverter(typeof(FlexibleInt64Converter))]
    public long? CustomerId { get; set; }

    /// <summary>Id of a removed campaign record.</summary>
    [JsonPropertyName("record_id")]
    [JsonConverter(typeof(FlexibleInt64Converter))]
    public long? RecordId { get; set; }

    /// <summary>Campaign id in the array answer of DELETE batch/outbounds.</summary>
    [JsonPropertyName("id")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Id { get; set; }

    /// <summary>Per-item errors, should an item ever carry the documented error list instead of a message.</summary>
    [JsonPropertyName("errors")]
    public List<ErrorEntry>? Errors { get; set; }
}
