using System.Collections.Generic;
using System.Text.Json.Serialization;
using ThuliumPS.Core.Json;

namespace ThuliumPS.Core.Json.Responses;

/// <summary>The documented whole-request error body: <c>{"request_id": "…", "errors": [{"message", "code"}]}</c>.</summary>
internal sealed class ErrorBody
{
    /// <summary>Id to quote when reporting the error to Thulium.</summary>
    [JsonPropertyName("request_id")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? RequestId { get; set; }

    /// <summary>The errors (more than one possible).</summary>
    [JsonPropertyName("errors")]
    public List<ErrorEntry>? Errors { get; set; }

    /// <summary>A lone top-level message, tolerated in case some error answers use it instead of <c>errors</c>.</summary>
    [JsonPropertyName("message")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Message { get; set; }
}
