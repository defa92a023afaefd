using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using ThuliumPS.Core.Json.Responses;
using ThuliumPS.Core.Models;

namespace ThuliumPS.Core.Json;

/// <summary>Reading customers: the same tolerance rules as every other answer, in the one reader.</summary>
internal static partial class ResponseReader
{
    /// <summary>Reads one customer (GET customers/:id).</summary>
    /// <exception cref="JsonException">The body is not a JSON object.</exception>
    public static CustomerRecord ReadCustomer(byte[] body)
    {
        var json = WithoutBom(body);
        if (FirstToken(json) != (byte)'{')
        {
            throw new JsonException("The answer is not a customer object.");
        }

        var wire = JsonSerializer.Deserialize(json, ThuliumJsonContext.Default.CustomerWire) ?? throw new JsonException("The answer is null.");
        return ToRecord(wire);
    }

    /// <summary>
    /// Reads one page of GET customers: the documented envelope <c>{"count", "result"}</c> (its <c>result</c> an
    /// array, or an object keyed by position as a PHP server may send it), or — should a server send one — a bare
    /// array, whose count is then unknown.
    /// </summary>
    /// <exception cref="JsonException">The body is neither, or an element is not an object.</exception>
    public static (long? Count, IReadOnlyList<CustomerRecord> Customers) ReadCustomerPage(byte[] body)
    {
        var json = WithoutBom(body);
        switch (FirstToken(json))
        {
            case (byte)'[':
                using (var document = JsonDocument.Parse(json.ToArray(), DocumentOptions))
                {
                    return (null, Elements(document.RootElement));
                }

            case (byte)'{':
                var page = JsonSerializer.Deserialize(json, ThuliumJsonContext.Default.CustomerPageWire) ?? throw new JsonException("The answer is null.");
                if (page.Result is not { } result)
                {
                    // An envelope without "result" is only acceptable when it says there is nothing.
                    return page.Count is 0 ? (0, []) : throw new JsonException("The answer has no 'result' list.");
                }

                return (page.Count, Elements(result));

            default:
                throw new JsonException("The answer is not a list of customers.");
        }
    }

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private static List<CustomerRecord> Elements(JsonElement list)
    {
        IEnumerable<JsonElement> elements = list.ValueKind switch
        {
            JsonValueKind.Array => list.EnumerateArray(),
            JsonValueKind.Object => list.EnumerateObject().Select(p => p.Value),
            JsonValueKind.Null => [],
            _ => throw new JsonException("'result' is neither a list nor an object."),
        };

        var customers = new List<CustomerRecord>();
        foreach (var element in elements)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("'result' holds something that is not a customer object.");
            }

            customers.Add(ToRecord(element.Deserialize(ThuliumJsonContext.Default.CustomerWire) ?? throw new JsonException("The answer holds a null customer.")));
        }

        return customers;
    }

    private static CustomerRecord ToRecord(CustomerWire wire)
    {
        var mainPhone = wire.PhoneNumber is { Count: > 0 } given ? given[0] : null;
        var phones = new List<string>();
        foreach (var phone in (wire.PhoneNumber ?? []).Concat(wire.PhoneNumbers ?? []))
        {
            // phone_number repeats the first of phone_numbers in the docs' example: list each number once.
            if (!phones.Contains(phone, StringComparer.Ordinal))
            {
                phones.Add(phone);
            }
        }

        return new CustomerRecord
        {
            CustomerId = wire.CustomerId ?? wire.Id,
            Name = Text(wire.Name),
            Surname = Text(wire.Surname),
            Emails = wire.Email ?? [],
            PhoneNumber = mainPhone ?? (phones.Count > 0 ? phones[0] : null),
            PhoneNumbers = phones,
            CompanyId = wire.CompanyId,
            CompanyFlag = Flag(wire.CompanyFlag),
            Identifier = Text(wire.Identifier),
            Type = Text(wire.Type),
            Group = Text(wire.Group),
            Nip = Text(wire.Nip),
            Pesel = Text(wire.Pesel),
            Gender = Text(wire.Gender),
            Homepage = Text(wire.Homepage),
            Birthdate = Text(wire.Birthdate),
            Note = Text(wire.Note),
            Job = Text(wire.Job),
            JobTitle = Text(wire.JobTitle),
            AccountManager = Text(wire.AccountManager),
            Vip = Flag(wire.Vip),
            UpdatedAt = Text(wire.UpdatedAt),
            CustomFields = wire.CustomFields is { } fields ? Map(fields) : null,
            Address = Address(wire.Address),
            InvoiceAddress = Address(wire.InvoiceAddress),
            MailDropAddress = Address(wire.MailDropAddress),
        };
    }

    // The API writes "" for "none" (docs: "company_id": "", "identifier": ""); null says the same thing more plainly.
    private static string? Text(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // Flags come as true/false, 1/0 or their strings; "" (the docs' empty value) and anything else unknown is null.
    private static bool? Flag(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "TRUE" or "1" => true,
        "FALSE" or "0" => false,
        _ => null,
    };

    // A map of plain values; a PHP server sends an empty map as [] and that reads as empty, any other non-object as null.
    private static Dictionary<string, object?>? Map(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    map[property.Name] = Plain(property.Value);
                }

                return map;
            case JsonValueKind.Array when element.GetArrayLength() == 0:
                return new Dictionary<string, object?>(StringComparer.Ordinal);
            default:
                return null;
        }
    }

    private static object? Plain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? (object)whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(Plain).ToArray(),
        JsonValueKind.Object => Map(element),
        _ => null,
    };

    private static PostalAddress? Address(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        string? Part(string name) =>
            value.TryGetProperty(name, out var part) && Plain(part) is { } plain and not Dictionary<string, object?> and not object?[]
                ? Text(Convert.ToString(plain, CultureInfo.InvariantCulture))
                : null;

        var address = new PostalAddress
        {
            Street = Part("street"),
            Building = Part("building"),
            Flat = Part("flat"),
            Postcode = Part("postcode"),
            City = Part("city"),
            Country = Part("country"),
        };

        // An address whose parts are all empty is no address.
        return address.Street is null && address.Building is null && address.Flat is null && address.Postcode is null && address.City is null && address.Country is null
            ? null
            : address;
    }
}
