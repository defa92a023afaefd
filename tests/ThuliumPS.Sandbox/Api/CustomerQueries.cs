using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ThuliumPS.Sandbox.Api;

/// <summary>
/// GET customers' documented filters and the documented output shape of a customer, kept apart from the
/// endpoints so that the matching rules are in one place.
/// </summary>
internal static class CustomerQueries
{
    private static readonly string[] TextFilters = ["identifier", "email", "phone_number", "nip", "company_id", "type", "group"];

    /// <summary>True when the query names any filter.</summary>
    public static bool IsFiltered(IQueryCollection query) => TextFilters.Any(query.ContainsKey);

    /// <summary>
    /// True when the customer passes every filter in the query: exact match; an empty identifier or phone_number
    /// matches customers without one (as documented); email and phone_number match any of the customer's values.
    /// </summary>
    public static bool Matches(JsonObject customer, IQueryCollection query)
    {
        foreach (var name in TextFilters)
        {
            if (!query.TryGetValue(name, out var given))
            {
                continue;
            }

            var wanted = given.ToString();
            var values = Values(customer[name]).Where(v => v.Length > 0).ToList();
            if (wanted.Length == 0 ? values.Count > 0 : !values.Contains(wanted, StringComparer.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A stored customer as GET returns it: like the docs' example, <c>phone_number</c> is the main number (a
    /// string) and <c>phone_numbers</c> all of them (an array).
    /// </summary>
    public static JsonObject Render(JsonObject stored)
    {
        var customer = (JsonObject)stored.DeepClone();
        var phones = Values(stored["phone_number"]).Where(v => v.Length > 0).ToList();
        if (stored.ContainsKey("phone_number"))
        {
            customer["phone_number"] = phones.FirstOrDefault() ?? "";
            customer["phone_numbers"] = new JsonArray(phones.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray());
        }

        return customer;
    }

    private static IEnumerable<string> Values(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Select(v => v?.ToString() ?? ""),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
        JsonValue value => [value.ToJsonString()],
        _ => [],
    };
}
