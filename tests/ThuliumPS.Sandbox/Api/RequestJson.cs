using System.Text.Json;
using System.Text.Json.Nodes;

namespace ThuliumPS.Sandbox.Api;

/// <summary>
/// The JSON body of an <c>/api/</c> request, read and parsed once per request and kept in
/// <see cref="HttpContext.Items"/>: ApiGate counts its items for the request log and the handler takes the same
/// parse. (The body used to be buffered, parsed for the count and parsed again by the handler: for the benchmarks'
/// batches of customers that was most of the sandbox's work.)
/// </summary>
internal sealed class RequestJson
{
    private static readonly object ItemsKey = new();

    private RequestJson(JsonElement root, JsonException? error)
    {
        Root = root;
        Error = error;
    }

    /// <summary>The body's top-level value (<c>default</c> when the body is not JSON).</summary>
    public JsonElement Root { get; }

    /// <summary>Why the body is not JSON; null when it is.</summary>
    public JsonException? Error { get; }

    /// <summary>
    /// The body as a node tree over the parsed document (null for JSON <c>null</c>), just as
    /// <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/> would give it. Each call gives a
    /// new tree.
    /// </summary>
    public JsonNode? ToNode() => Root.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(Root),
        JsonValueKind.Array => JsonArray.Create(Root),
        _ => JsonValue.Create(Root),
    };

    /// <summary>The request's body, read and parsed on the first call; later calls return the same parse.</summary>
    /// <remarks>Reading errors other than malformed JSON (e.g. a client gone mid-body) are thrown, every call.</remarks>
    public static async ValueTask<RequestJson> ReadAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ItemsKey, out var read))
        {
            return (RequestJson)read!;
        }

        RequestJson body;
        try
        {
            // Disposed with the request, which gives its pooled buffers back: nothing parsed from a request outlives
            // it (the store keeps copies).
            var document = await JsonDocument.ParseAsync(context.Request.Body).ConfigureAwait(false);
            context.Response.RegisterForDispose(document);
            body = new RequestJson(document.RootElement, null);
        }
        catch (JsonException e)
        {
            body = new RequestJson(default, e);
        }

        context.Items[ItemsKey] = body;
        return body;
    }
}
