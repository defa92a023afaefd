using System.Text.Json;

namespace ThuliumPS.Sandbox.Api;

/// <summary>
/// How many items a request carries, for the request log: the values of its list parameter (<c>x[]=…</c>), else
/// the length of the body's <c>customers</c> array, else 1. Counted from the request itself so that requests a fault
/// or the auth check answered are counted the same way as handled ones.
/// </summary>
internal static class RequestItemCounter
{
    public static async ValueTask<int> CountAsync(HttpContext context)
    {
        var list = 0;
        foreach (var (key, values) in context.Request.Query)
        {
            if (key.EndsWith("[]", StringComparison.Ordinal))
            {
                list += values.Count;
            }
        }

        if (list > 0)
        {
            return list;
        }

        if (!HttpMethods.IsPost(context.Request.Method) && !HttpMethods.IsPut(context.Request.Method))
        {
            return 1;
        }

        // The same parse the handler will use (RequestJson keeps it), so the body is read and parsed once.
        var body = await RequestJson.ReadAsync(context).ConfigureAwait(false);
        return body.Error is null
               && body.Root.ValueKind == JsonValueKind.Object
               && body.Root.TryGetProperty("customers", out var customers)
               && customers.ValueKind == JsonValueKind.Array
            ? customers.GetArrayLength()
            : 1;
    }
}
