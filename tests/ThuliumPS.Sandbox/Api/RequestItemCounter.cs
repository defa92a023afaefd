using System.Text.Json;

namespace ThuliumPS.Sandbox.Api;

/// <summary>
/// How many items a request carries, for the request log: the values of its list parameter (<c>x[]=…</c>), else
/// the length of the body's <c>customers</c> array, else 1. Counted from the request itself so that requests a fault
/// or the auth check answered are counted the same way as handled ones.
/// </summary>
internal static class RequestItemCounter
{
    public static async Task<int> CountAsync(HttpRequest request)
    {
        var list = request.Query.Where(q => q.Key.EndsWith("[]", StringComparison.Ordinal)).Sum(q => q.Value.Count);
        if (list > 0)
        {
            return list;
        }

        if (!HttpMethods.IsPost(request.Method) && !HttpMethods.IsPut(request.Method))
        {
            return 1;
        }

        request.EnableBuffering();
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body).ConfigureAwait(false);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("customers", out var customers)
                   && customers.ValueKind == JsonValueKind.Array
                ? customers.GetArrayLength()
                : 1;
        }
        catch (JsonException)
        {
            return 1;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }
}
