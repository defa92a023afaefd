using System.Text.Json.Serialization;

namespace ThuliumPS.Core.Models;

/// <summary>
/// One of a customer's addresses (<c>address</c>, <c>invoice_address</c>, <c>mail_drop_address</c>).
/// Every part is optional in the API; parts left null are not sent.
/// </summary>
public sealed class PostalAddress
{
    /// <summary>Street name.</summary>
    [JsonPropertyName("street")] public string? Street { get; set; }

    /// <summary>Building number.</summary>
    [JsonPropertyName("building")] public string? Building { get; set; }

    /// <summary>Flat number.</summary>
    [JsonPropertyName("flat")] public string? Flat { get; set; }

    /// <summary>Postal code.</summary>
    [JsonPropertyName("postcode")] public string? Postcode { get; set; }

    /// <summary>City.</summary>
    [JsonPropertyName("city")] public string? City { get; set; }

    /// <summary>Country.</summary>
    [JsonPropertyName("country")] public string? Country { get; set; }
}
