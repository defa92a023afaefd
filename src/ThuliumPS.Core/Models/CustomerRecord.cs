using System.Collections.Generic;

namespace ThuliumPS.Core.Models;

/// <summary>
/// One customer as <c>GET customers/:id</c> and <c>GET customers</c> return it, read tolerantly: every field may be
/// missing, ids and flags may come as numbers or strings, and the API's empty values (<c>""</c>) are null here.
/// </summary>
public sealed class CustomerRecord
{
    /// <summary>The customer's id (<c>customer_id</c>); null only if the server left it out.</summary>
    public long? CustomerId { get; set; }

    /// <summary>First name.</summary>
    public string? Name { get; set; }

    /// <summary>Last name.</summary>
    public string? Surname { get; set; }

    /// <summary>
    /// Every e-mail address. The docs show <c>email</c> as one string; an array is read too, because how the
    /// API returns several addresses is not documented.
    /// </summary>
    public IReadOnlyList<string> Emails { get; set; } = [];

    /// <summary>
    /// Every phone number: the documented <c>phone_numbers</c> array, and <c>phone_number</c> (the main one) when
    /// it is not already in it.
    /// </summary>
    public IReadOnlyList<string> PhoneNumbers { get; set; } = [];

    /// <summary>The main e-mail address (the first of <see cref="Emails"/>).</summary>
    public string? Email => Emails.Count > 0 ? Emails[0] : null;

    /// <summary>The main phone number (<c>phone_number</c>, else the first of <see cref="PhoneNumbers"/>).</summary>
    public string? PhoneNumber { get; set; }

    /// <summary>Id of the customer's company.</summary>
    public long? CompanyId { get; set; }

    /// <summary>Whether the customer is a company (<c>company_flag</c>).</summary>
    public bool? CompanyFlag { get; set; }

    /// <summary>The customer identifier (the caller's own key).</summary>
    public string? Identifier { get; set; }

    /// <summary>Customer type name.</summary>
    public string? Type { get; set; }

    /// <summary>Customer group name.</summary>
    public string? Group { get; set; }

    /// <summary>NIP (Polish tax id).</summary>
    public string? Nip { get; set; }

    /// <summary>PESEL number.</summary>
    public string? Pesel { get; set; }

    /// <summary>Gender, as the server gives it.</summary>
    public string? Gender { get; set; }

    /// <summary>Web site.</summary>
    public string? Homepage { get; set; }

    /// <summary>Date of birth, as the server gives it (no format is documented).</summary>
    public string? Birthdate { get; set; }

    /// <summary>Note.</summary>
    public string? Note { get; set; }

    /// <summary>Workplace.</summary>
    public string? Job { get; set; }

    /// <summary>Job title.</summary>
    public string? JobTitle { get; set; }

    /// <summary>Login of the account manager.</summary>
    public string? AccountManager { get; set; }

    /// <summary>VIP flag.</summary>
    public bool? Vip { get; set; }

    /// <summary>Last modification, as the server gives it (no format is documented).</summary>
    public string? UpdatedAt { get; set; }

    /// <summary>
    /// Custom fields keyed by name, when the answer has them: values are string, long, double, bool or null
    /// (arrays become object arrays, objects nested dictionaries).
    /// </summary>
    public IReadOnlyDictionary<string, object?>? CustomFields { get; set; }

    /// <summary>Address, when the answer has it.</summary>
    public PostalAddress? Address { get; set; }

    /// <summary>Invoice address, when the answer has it.</summary>
    public PostalAddress? InvoiceAddress { get; set; }

    /// <summary>Correspondence address, when the answer has it.</summary>
    public PostalAddress? MailDropAddress { get; set; }
}
