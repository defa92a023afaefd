using System.Text.Json.Nodes;

namespace ThuliumPS.Sandbox.Api;

/// <summary>Helpers shared by the batch endpoints.</summary>
internal static class BatchAnswers
{
    /// <summary>200 when every item has the same http_status, 207 when they differ (sandbox.md).</summary>
    public static int OverallStatus(IEnumerable<JsonNode?> items) =>
        OverallStatus(items.Select(i => i!["http_status"]!.GetValue<int>()));

    /// <summary>200 when every item status is the same, 207 when they differ (sandbox.md).</summary>
    public static int OverallStatus(IEnumerable<int> itemStatuses)
    {
        ArgumentNullException.ThrowIfNull(itemStatuses);
        int? first = null;
        foreach (var status in itemStatuses)
        {
            first ??= status;
            if (status != first)
            {
                return StatusCodes.Status207MultiStatus;
            }
        }

        return StatusCodes.Status200OK;
    }

    /// <summary>A PHP-style list parameter (<c>name[]=a&amp;name[]=b</c>; brackets raw or percent-encoded alike).</summary>
    public static string[] ListParameter(HttpRequest request, string name) =>
        request.Query[name + "[]"].Where(v => v is not null).Select(v => v!).ToArray();

    /// <summary>The error answer when a batch is empty or too large, or null when it may go on.</summary>
    public static IResult? CheckSize(int count, string name, int maxBatch)
    {
        if (count == 0)
        {
            return ErrorBodies.Error(StatusCodes.Status400BadRequest, $"Parameter '{name}' is required.");
        }

        return count > maxBatch
            ? ErrorBodies.Error(StatusCodes.Status400BadRequest, $"Too many items in one request: {count} (at most {maxBatch}).")
            : null;
    }
}
