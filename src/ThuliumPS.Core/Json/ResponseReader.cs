using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using ThuliumPS.Core.Json.Responses;

namespace ThuliumPS.Core.Json;

/// <summary>
/// The one tolerant reader of API answers. Every endpoint reads through it, so tolerance rules live here once:
/// UTF-8 byte-order mark skipped, trailing commas and comments accepted, unknown properties ignored, ids as
/// numbers or strings, and keyed answers accepted both as an object and as an array.
/// </summary>
internal static partial class ResponseReader
{
    private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };

    /// <summary>True when the body is empty or only whitespace (e.g. a 204).</summary>
    public static bool IsEmpty(byte[] body)
    {
        var span = WithoutBom(body);
        foreach (var b in span)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Reads an answer of per-item results keyed by a string (position or id). The docs show an object
    /// (<c>{"13": {…}, "14": {…}}</c>); a PHP server turns an array with keys 0…n-1 (and an empty one) into a JSON
    /// array instead, so an array is accepted too: each element keyed by <paramref name="keyOfElement"/> when it
    /// names its item, else by its position.
    /// </summary>
    /// <exception cref="JsonException">The body is not such an answer.</exception>
    public static IReadOnlyDictionary<string, BatchItemResult> ReadKeyed(byte[] body, Func<BatchItemResult, string?>? keyOfElement = null)
    {
        var json = WithoutBom(body);
        if (FirstToken(json) == (byte)'[')
        {
            var list = JsonSerializer.Deserialize(json, ThuliumJsonContext.Default.ListBatchItemResult)
                       ?? throw new JsonException("The answer is null.");
            var keyed = new Dictionary<string, BatchItemResult>(StringComparer.Ordinal);
            for (var i = 0; i < list.Count; i++)
            {
                var element = list[i] ?? throw new JsonException("The answer holds a null item.");
                var key = keyOfElement?.Invoke(element) ?? i.ToString(CultureInfo.InvariantCulture);
                keyed[key] = element;
            }

            return keyed;
        }

        var map = JsonSerializer.Deserialize(json, ThuliumJsonContext.Default.DictionaryStringBatchItemResult)
                  ?? throw new JsonException("The answer is null.");
        if (map.Values.Any(v => v is null))
        {
            throw new JsonException("The answer holds a null item.");
        }

        return map;
    }

    /// <summary>Reads <c>{"item_id": …}</c>.</summary>
    /// <exception cref="JsonException">The body is not a JSON object.</exception>
    public static CreatedItemResult ReadCreated(byte[] body)
        => JsonSerializer.Deserialize(WithoutBom(body), ThuliumJsonContext.Default.CreatedItemResult)
           ?? throw new JsonException("The answer is null.");

    /// <summary>
    /// Reads the documented error body if the text is one (an object with <c>errors</c> or <c>request_id</c> or a
    /// top-level <c>message</c>); null for anything else, including non-JSON text such as a proxy's HTML page.
    /// </summary>
    public static ErrorBody? TryReadError(byte[] body)
    {
        var json = WithoutBom(body);
        if (FirstToken(json) != (byte)'{')
        {
            return null;
        }

        try
        {
            var error = JsonSerializer.Deserialize(json, ThuliumJsonContext.Default.ErrorBody);
            return error is not null && (error.Errors is { Count: > 0 } || error.RequestId is not null || error.Message is not null)
                ? error
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The error body's messages joined with "; " (codes in brackets), or null when it has none.</summary>
    public static string? MessageOf(ErrorBody? error)
    {
        if (error is null)
        {
            return null;
        }

        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(error.Message))
        {
            parts.Add(error.Message!.Trim());
        }

        foreach (var entry in error.Errors ?? Enumerable.Empty<ErrorEntry>())
        {
            if (entry is null || string.IsNullOrWhiteSpace(entry.Message))
            {
                continue;
            }

            parts.Add(string.IsNullOrEmpty(entry.Code) ? entry.Message!.Trim() : entry.Message!.Trim() + " (code " + entry.Code + ")");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    /// <summary>An item's message: its <c>message</c>, else its <c>errors</c>, else null.</summary>
    public static string? MessageOf(BatchItemResult item)
    {
        if (!string.IsNullOrWhiteSpace(item.Message))
        {
            return item.Message!.Trim();
        }

        return item.Errors is { Count: > 0 } ? MessageOf(new ErrorBody { Errors = item.Errors }) : null;
    }

    /// <summary>
    /// A short, printable excerpt of a body that is not JSON (for a message), or null when it is empty or an
    /// HTML page (whose markup would only bury the status in noise).
    /// </summary>
    public static string? TextExcerpt(byte[] body, int maxLength = 200)
    {
        if (IsEmpty(body))
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(WithoutBom(body).ToArray());
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        text = string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.StartsWith("<", StringComparison.Ordinal))
        {
            return null;
        }

        return text.Length <= maxLength ? text : text.Substring(0, maxLength) + "…";
    }

    private static ReadOnlySpan<byte> WithoutBom(byte[] body)
    {
        var span = body.AsSpan();
        return span.StartsWith(Utf8Bom) ? span.Slice(Utf8Bom.Length) : span;
    }

    private static byte FirstToken(ReadOnlySpan<byte> json)
    {
        foreach (var b in json)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return b;
            }
        }

        return 0;
    }
}
