using System.Text.Json.Serialization;

namespace ThuliumPS.Sandbox.Faults;

/// <summary>
/// One fault rule of <c>POST /_sandbox/faults</c>. Every field is optional; rules are tried in order and the first
/// that matches a request (method, path prefix) is applied and spends one of its <see cref="Times"/>.
/// </summary>
public sealed class FaultRule
{
    /// <summary>Only requests with this method (any when null).</summary>
    [JsonPropertyName("method")] public string? Method { get; set; }

    /// <summary>Only requests whose path starts with this (any when null).</summary>
    [JsonPropertyName("path")] public string? Path { get; set; }

    /// <summary>How many matching requests the rule hits before it is spent (default 1).</summary>
    [JsonPropertyName("times")] public int? Times { get; set; }

    /// <summary>Answer with this status instead of the real handler (state untouched).</summary>
    [JsonPropertyName("status")] public int? Status { get; set; }

    /// <summary>The Retry-After header to send with <see cref="Status"/>, verbatim.</summary>
    [JsonPropertyName("retry_after")] public string? RetryAfter { get; set; }

    /// <summary>The body to send with <see cref="Status"/>, verbatim.</summary>
    [JsonPropertyName("body")] public string? Body { get; set; }

    /// <summary>Milliseconds to wait before answering (or dropping).</summary>
    [JsonPropertyName("delay_ms")] public int? DelayMs { get; set; }

    /// <summary>
    /// Milliseconds to hold the answer back AFTER the request took effect (not cut short when the client goes away):
    /// a client that dies meanwhile leaves an item done at the server whose answer it never saw — what a real server
    /// does with a request already being processed when its caller is killed.
    /// </summary>
    [JsonPropertyName("delay_after_ms")] public int? DelayAfterMs { get; set; }

    /// <summary>
    /// Close the connection with no answer: <c>before</c> the request takes effect or <c>after</c> it took effect.
    /// </summary>
    [JsonPropertyName("drop")] public string? Drop { get; set; }
}
