using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using ThuliumPS.Core.Json;

namespace ThuliumPS.Core.Json.Responses;

/// <summary>
/// One customer as the API sends it (GET customers/:id, and each element of GET customers' <c>result</c>). Every
/// field is optional and read tolerantly; custom fields and addresses stay raw JSON until they are turned into plain
/// values, because their shapes vary (a PHP server sends an empty map as <c>[]</c>).
/// </summary>
internal sealed class CustomerWire
{
    [JsonPropertyName("customer_id")]
    [JsonConverter(typeof(FlexibleInt64Converter))]
    public long? CustomerId { get; set; }

    /// <summary>Tolerated in case a list answer names the id <c>id</c> (the docs show no list element).</summary>
    [JsonPropertyName("id")]
    [JsonConverter(typeof(FlexibleInt64Converter))]
    public long? Id { get; set; }

    [JsonPropertyName("name")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Name { get; set; }

    [JsonPropertyName("surname")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Surname { get; set; }

    [JsonPropertyName("email")]
    [JsonConverter(typeof(FlexibleStringListConverter))]
    public List<string>? Email { get; set; }

    [JsonPropertyName("phone_number")]
    [JsonConverter(typeof(FlexibleStringListConverter))]
    public List<string>? PhoneNumber { get; set; }

    [JsonPropertyName("phone_numbers")]
    [JsonConverter(typeof(FlexibleStringListConverter))]
    public List<string>? PhoneNumbers { get; set; }

    [JsonPropertyName("company_id")]
    [JsonConverter(typeof(FlexibleInt64Converter))]
    public long? CompanyId { get; set; }

    [JsonPropertyName("company_flag")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? CompanyFlag { get; set; }

    [JsonPropertyName("identifier")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Identifier { get; set; }

    [JsonPropertyName("type")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Type { get; set; }

    [JsonPropertyName("group")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Group { get; set; }

    [JsonPropertyName("nip")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Nip { get; set; }

    [JsonPropertyName("pesel")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Pesel { get; set; }

    [JsonPropertyName("gender")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Gender { get; set; }

    [JsonPropertyName("homepage")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Homepage { get; set; }

    [JsonPropertyName("birthdate")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Birthdate { get; set; }

    [JsonPropertyName("note")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Note { get; set; }

    [JsonPropertyName("job")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Job { get; set; }

    [JsonPropertyName("job_title")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? JobTitle { get; set; }

    [JsonPropertyName("account_manager")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? AccountManager { get; set; }

    [JsonPropertyName("vip")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Vip { get; set; }

    [JsonPropertyName("updated_at")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? UpdatedAt { get; set; }

    [JsonPropertyName("custom_fields")]
    public JsonElement? CustomFields { get; set; }

    [JsonPropertyName("address")]
    public JsonElement? Address { get; set; }

    [JsonPropertyName("invoice_address")]
    public JsonElement? InvoiceAddress { get; set; }

    [JsonPropertyName("mail_drop_address")]
    public JsonElement? MailDropAddress { get; set; }
}
