using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ThuliumPS.Sandbox.State;

namespace ThuliumPS.Sandbox.Api;

/// <summary>POST/DELETE batch/customers and GET customers.</summary>
internal static partial class CustomerEndpoints
{
    public static void Map(IEndpointRouteBuilder api, SandboxOptions options)
    {
        api.MapPost("/batch/customers", async (HttpRequest request, SandboxStore store) =>
        {
            JsonNode? body;
            try
            {
                body = await JsonNode.ParseAsync(request.Body).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                return ErrorBodies.Error(StatusCodes.Status400BadRequest, "Malformed JSON: " + e.Message);
            }

            if (body?["customers"] is not JsonArray customers)
            {
                return ErrorBodies.Error(StatusCodes.Status400BadRequest, "Parameter 'customers' is required.");
            }

            if (BatchAnswers.CheckSize(customers.Count, "customers", options.MaxBatch) is { } refused)
            {
                return refused;
            }

            var answer = store.Locked(state =>
            {
                var result = new JsonObject();
                for (var i = 0; i < customers.Count; i++)
                {
                    result[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Create(store, state, customers[i]);
                }

                return result;
            });
            return Results.Json(answer, statusCode: BatchAnswers.OverallStatus(answer.Select(p => p.Value)));
        });

        api.MapDelete("/batch/customers", (HttpRequest request, SandboxStore store) =>
        {
            var ids = BatchAnswers.ListParameter(request, "customer_id");
            if (BatchAnswers.CheckSize(ids.Length, "customer_id[]", options.MaxBatch) is { } refused)
            {
                return refused;
            }

            var answer = store.Locked(state =>
            {
                var deleted = DeleteMany(state, ids.Select(id => long.TryParse(id, out var n) ? n : (long?)null).OfType<long>().ToHashSet());
                var result = new JsonObject();
                foreach (var id in ids.Distinct())
                {
                    result[id] = long.TryParse(id, out var customerId) && deleted.Contains(customerId)
                        ? new JsonObject { ["http_status"] = 204 }
                        : new JsonObject { ["http_status"] = 404, ["message"] = "Customer not found." };
                }

                return result;
            });
            return Results.Json(answer, statusCode: BatchAnswers.OverallStatus(answer.Select(p => p.Value)));
        });

        api.MapGet("/customers/{id}", (string id, SandboxStore store) =>
        {
            var customer = store.Locked(state => state.Customers.FirstOrDefault(c => long.TryParse(id, out var n) && SandboxStore.CustomerId(c) == n)?.DeepClone());
            return customer is null
                ? ErrorBodies.Error(StatusCodes.Status404NotFound, "Customer not found.")
                : Results.Json(CustomerQueries.Render((JsonObject)customer));
        });

        api.MapGet("/customers", (int? limit, int? offset, HttpRequest request, SandboxStore store) =>
        {
            var page = store.Locked(state =>
            {
                // No filter, no copy: the benchmarks' credential checks run against hundreds of thousands of customers.
                IReadOnlyList<JsonObject> found = CustomerQueries.IsFiltered(request.Query) ? state.Customers.Where(c => CustomerQueries.Matches(c, request.Query)).ToList() : state.Customers;
                return new JsonObject
                {
                    ["count"] = found.Count,
                    ["result"] = new JsonArray(found.Skip(offset ?? 0).Take(Math.Clamp(limit ?? 100, 0, 1000)).Select(c => (JsonNode)CustomerQueries.Render(c)).ToArray()),
                };
            });
            return Results.Json(page);
        });
    }

    private static JsonObject Create(SandboxStore store, SandboxState state, JsonNode? item)
    {
        if (item is not JsonObject customer)
        {
            return Rejected("Customer must be an object.");
        }

        if (customer["surname"] is not JsonValue surname || surname.GetValueKind() != JsonValueKind.String || string.IsNullOrEmpty(surname.GetValue<string>()))
        {
            return Rejected("Surname is required.");
        }

        if (!Values(customer["phone_number"]).All(p => PhonePattern().IsMatch(p ?? "")))
        {
            return Rejected("Phone number must be numeric.");
        }

        if (!Values(customer["email"]).All(e => e is not null && e.Contains('@', StringComparison.Ordinal)))
        {
            return Rejected("Invalid e-mail address.");
        }

        var id = store.AddCustomer(state, (JsonObject)customer.DeepClone());
        return new JsonObject { ["http_status"] = 201, ["customer_id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    }

    /// <summary>A string or an array of strings (both accepted for email and phone_number); null yields nothing.</summary>
    private static IEnumerable<string?> Values(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Select(v => v is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : null),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
        _ => [null],
    };

    /// <summary>Deletes the customers with these ids and everything that depends on them; returns the ids found.</summary>
    /// <remarks>
    /// One pass per request, not one per id: with hundreds of thousands of customers (the benchmarks) a scan per id
    /// would make the sandbox, not the client, the thing measured. The scan stops once every id is found, and ids
    /// found side by side (a batch deleted in the order it was created) go in one block move.
    /// </remarks>
    private static HashSet<long> DeleteMany(SandboxState state, HashSet<long> ids)
    {
        var positions = new List<int>(ids.Count);
        var found = new HashSet<long>();
        var customers = state.Customers;
        for (var i = 0; i < customers.Count && found.Count < ids.Count; i++)
        {
            var id = SandboxStore.CustomerId(customers[i]);
            if (ids.Contains(id) && found.Add(id))
            {
                positions.Add(i);
            }
        }

        if (positions.Count == 0)
        {
            return found;
        }

        if (positions[^1] - positions[0] == positions.Count - 1)
        {
            customers.RemoveRange(positions[0], positions.Count);
        }
        else
        {
            customers.RemoveAll(c => found.Contains(SandboxStore.CustomerId(c)));
        }

        // "Deletes the customers and all their dependencies": campaign records and field group items go too.
        foreach (var campaign in state.Campaigns)
        {
            campaign.Records.RemoveAll(r => found.Contains(r.CustomerId));
        }

        state.FieldGroupItems.RemoveAll(i => found.Contains(i.CustomerId));
        return found;
    }

    private static JsonObject Rejected(string message) => new() { ["http_status"] = 400, ["message"] = message };

    [GeneratedRegex(@"^\+?[0-9]+$")]
    private static partial Regex PhonePattern();
}
