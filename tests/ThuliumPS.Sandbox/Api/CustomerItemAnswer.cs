using System.Text.Json.Serialization;

namespace ThuliumPS.Sandbox.Api;

/// <summary>
/// One customer's item in the answer to <c>POST batch/customers</c>: <c>{"http_status": 201, "customer_id": "…"}</c>
/// or <c>{"http_status": 400, "message": "…"}</c>. A plain type rather than a JsonObject per customer: the benchmarks
/// send hundreds of thousands of them, and the serializer writes this without building a node tree first.
/// </summary>
internal sealed record CustomerItemAnswer(
    [property: JsonPropertyName("http_status")] int HttpStatus,
    [property: JsonPropertyName("customer_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CustomerId,
    [property: JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message)
{
    /// <summary>A stored customer: 201 with its id as a JSON string.</summary>
    public static CustomerItemAnswer Created(long id) =>
        new(StatusCodes.Status201Created, id.ToString(System.Globalization.CultureInfo.InvariantCulture), null);

    /// <summary>A refused customer: 400 with the reason.</summary>
    public static CustomerItemAnswer Rejected(string message) => new(StatusCodes.Status400BadRequest, null, message);
}
