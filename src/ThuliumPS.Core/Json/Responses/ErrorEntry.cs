using System.Text.Json.Serialization;
using ThuliumPS.Core.Json;

namespace ThuliumPS.Core.Json.Responses;

/// <summary>One <c>{"message", "code"}</c> entry of the documented error body.</summary>
internal sealed class ErrorEntry
{
    /// <summary>The error text.</summary>
    [JsonPropertyName("message")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Message { get; set; }

    /// <summary>The error code (a number in the docs; kept as text because no catalogue exists).</summary>
    [JsonPropertyName("code")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Code { get; set; }
}
