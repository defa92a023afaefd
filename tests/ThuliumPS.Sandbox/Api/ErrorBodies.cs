using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace ThuliumPS.Sandbox.Api;

/// <summary>The documented whole-request error body: <c>{"request_id", "errors": [{"message", "code"}]}</c>.</summary>
internal static class ErrorBodies
{
    public static IResult Error(int status, string message) =>
        Results.Json(Body(status, message), statusCode: status);

    public static JsonObject Body(int status, string message) => new()
    {
        // The docs show a 13-character hex id ("53678450401cf").
        ["request_id"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(7)).ToLowerInvariant()[..13],
        ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["code"] = status }),
    };

    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(Body(status, message));
    }
}
