using System.Text.Json;
using System.Text.Json.Nodes;
using ThuliumPS.Sandbox.State;

namespace ThuliumPS.Sandbox.Api;

/// <summary>POST customer_field_group_items.</summary>
internal static class FieldGroupItemEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/customer_field_group_items", async (HttpContext context, SandboxStore store) =>
        {
            var json = await RequestJson.ReadAsync(context).ConfigureAwait(false);
            if (json.Error is { } malformed)
            {
                return ErrorBodies.Error(StatusCodes.Status400BadRequest, "Malformed JSON: " + malformed.Message);
            }

            var body = json.ToNode();

            if (Id(body?["group_id"]) is not { } groupId || Id(body?["customer_id"]) is not { } customerId || body?["values"] is not JsonArray values)
            {
                return ErrorBodies.Error(StatusCodes.Status400BadRequest, "Parameters 'group_id', 'customer_id' and 'values' are required.");
            }

            return store.Locked(state =>
            {
                var group = state.FieldGroups.FirstOrDefault(g => g.GroupId == groupId);
                if (group is null)
                {
                    return ErrorBodies.Error(StatusCodes.Status404NotFound, "Field group not found.");
                }

                if (!state.Customers.Any(c => SandboxStore.CustomerId(c) == customerId))
                {
                    return ErrorBodies.Error(StatusCodes.Status404NotFound, "Customer not found.");
                }

                var unknown = values.Select(v => Id(v?["field_id"])).FirstOrDefault(f => f is null || group.Fields.All(x => x.FieldId != f));
                if (values.Count == 0 || unknown is not null || values.Any(v => Id(v?["field_id"]) is null))
                {
                    return ErrorBodies.Error(StatusCodes.Status400BadRequest, $"Field {unknown?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} does not belong to group {groupId}.");
                }

                var item = new SandboxFieldGroupItem { ItemId = store.NewItemId(), GroupId = groupId, CustomerId = customerId, Values = (JsonArray)values.DeepClone() };
                state.FieldGroupItems.Add(item);
                return Results.Json(new JsonObject { ["item_id"] = item.ItemId }, statusCode: StatusCodes.Status201Created);
            });
        });
    }

    /// <summary>An id given as a JSON number or a digit string.</summary>
    private static long? Id(JsonNode? node) => node is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.Number when v.TryGetValue<long>(out var n) => n,
            JsonValueKind.String when long.TryParse(v.GetValue<string>(), out var s) => s,
            _ => null,
        }
        : null;
}
