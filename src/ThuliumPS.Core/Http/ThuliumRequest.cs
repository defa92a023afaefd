using System;
using System.Net.Http;
using System.Net.Http.Headers;
using ThuliumPS.Core.Diagnostics;

namespace ThuliumPS.Core.Http;

/// <summary>
/// One API request as data, so that every attempt builds a fresh <see cref="HttpRequestMessage"/> (a message
/// cannot be sent twice).
/// </summary>
internal sealed class ThuliumRequest
{
    private static readonly MediaTypeHeaderValue JsonUtf8 = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    /// <summary>Creates a request.</summary>
    /// <param name="method">HTTP method.</param>
    /// <param name="target">Path and query relative to the base URI, already percent-encoded (<c>batch/customers?customer_id%5B%5D=13</c>).</param>
    /// <param name="body">UTF-8 JSON body, or null for none.</param>
    /// <param name="description">Method and resource for messages (<c>DELETE batch/customers</c>).</param>
    /// <param name="itemCount">Items the request carries (for log lines).</param>
    public ThuliumRequest(HttpMethod method, string target, byte[]? body, string description, int itemCount)
    {
        Method = method;
        Target = target;
        Body = body;
        Description = description;
        ItemCount = itemCount;
    }

    /// <summary>HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>
    /// True when sending the request twice does no more than sending it once (GET, DELETE): then it may be retried
    /// after an answer was lost. A POST (a create) is never resent when the server may already have acted.
    /// </summary>
    public bool IsIdempotent => Method != HttpMethod.Post && Method.Method != "PATCH";

    /// <summary>Path and query relative to the base URI, percent-encoded.</summary>
    public string Target { get; }

    /// <summary>UTF-8 JSON body or null.</summary>
    public byte[]? Body { get; }

    /// <summary>Method and resource for messages.</summary>
    public string Description { get; }

    /// <summary>Items carried.</summary>
    public int ItemCount { get; }

    /// <summary>
    /// The request as a log line names it: method and resource, and the items a batch carries (a read carries none,
    /// and saying "0 items" of a page that returns customers misleads).
    /// </summary>
    public string LogSubject => ItemCount == 0 ? Description : Description + " (" + Plural.Count(ItemCount, "item", "items") + ")";

    /// <summary>A new message for one attempt.</summary>
    public HttpRequestMessage CreateMessage(Uri baseUri)
    {
        // Concatenated, not new Uri(base, relative): the target is already encoded and must reach the wire as
        // built, so that the planner's length arithmetic (BaseTargetLength/TargetLengthOf) holds exactly.
        var message = new HttpRequestMessage(Method, new Uri(baseUri.AbsoluteUri + Target, UriKind.Absolute));
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            message.Content.Headers.ContentType = JsonUtf8;
        }

        return message;
    }
}
