using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ThuliumPS.Core.Models;

/// <summary>
/// One customer to create through <c>POST batch/customers</c>, with every field the documentation lists.
/// Null properties are not sent (the API treats an empty custom-field value as "clear", so "absent" and "empty"
/// must stay distinct).
/// </summary>
public sealed class CustomerDraft
{
    /// <summary>First name.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }

    /// <summary>Last name; the only required field.</summary>
    [JsonPropertyName("surname")] public string? Surname { get; set; }

    /// <summary>
    /// E-mail address or addresses. How the API takes several values is undocumented:
    /// one value is sent as a JSON string, several as a JSON array.
    /// </summary>
    [JsonPropertyName("email")]
    [JsonConverter(typeof(OneOrManyStringConverter))]
    public IReadOnlyList<string>? Email { get; set; }

    /// <summary>Phone number or numbers; sent like <see cref="Email"/>.</summary>
    [JsonPropertyName("phone_number")]
    [JsonConverter(typeof(OneOrManyStringConverter))]
    public IReadOnlyList<string>? PhoneNumber { get; set; }

    /// <summary>Id of the company the customer belongs to.</summary>
    [JsonPropertyName("company_id")] public long? CompanyId { get; set; }

    /// <summary>Text name of a customer type defined in the system.</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }

    /// <summary>Text name of a customer group defined in the system.</summary>
    [JsonPropertyName("group")] public string? Group { get; set; }

    /// <summary>Customer identifier (the caller's own key).</summary>
    [JsonPropertyName("identifier")] public string? Identifier { get; set; }

    /// <summary>Gender; the API documents no allowed values, so it is sent as given.</summary>
    [JsonPropertyName("gender")] public string? Gender { get; set; }

    /// <summary>Web site.</summary>
    [JsonPropertyName("homepage")] public string? Homepage { get; set; }

    /// <summary>Date of birth; the API documents no format, so Core normalises parsed dates to <c>yyyy-MM-dd</c>.</summary>
    [JsonPropertyName("birthdate")] public string? Birthdate { get; set; }

    /// <summary>NIP (Polish tax id).</summary>
    [JsonPropertyName("nip")] public string? Nip { get; set; }

    /// <summary>Note.</summary>
    [JsonPropertyName("note")] public string? Note { get; set; }

    /// <summary>PESEL number.</summary>
    [JsonPropertyName("pesel")] public string? Pesel { get; set; }

    /// <summary>Workplace.</summary>
    [JsonPropertyName("job")] public string? Job { get; set; }

    /// <summary>Job title.</summary>
    [JsonPropertyName("job_title")] public string? JobTitle { get; set; }

    /// <summary>Login of the customer's account manager.</summary>
    [JsonPropertyName("account_manager")] public string? AccountManager { get; set; }

    /// <summary>
    /// Custom ("special") fields keyed by the field's text name. Values are scalars only: string, bool, long,
    /// double or decimal. An empty string clears the field; a name that does not exist is created by the server.
    /// A <see cref="Dictionary{TKey, TValue}"/>, not an interface, so that writing and checking it enumerate without a
    /// boxed enumerator per customer.
    /// </summary>
    [JsonPropertyName("custom_fields")] public Dictionary<string, object?>? CustomFields { get; set; }

    /// <summary>Whether READ ONLY custom fields are filled too.</summary>
    [JsonPropertyName("fill_read_only_custom_fields")] public bool? FillReadOnlyCustomFields { get; set; }

    /// <summary>VIP flag.</summary>
    [JsonPropertyName("vip")] public bool? Vip { get; set; }

    /// <summary>Address.</summary>
    [JsonPropertyName("address")] public PostalAddress? Address { get; set; }

    /// <summary>Invoice address.</summary>
    [JsonPropertyName("invoice_address")] public PostalAddress? InvoiceAddress { get; set; }

    /// <summary>Correspondence address.</summary>
    [JsonPropertyName("mail_drop_address")] public PostalAddress? MailDropAddress { get; set; }
}
