using System.Collections;
using System.Collections.Generic;

namespace ThuliumPS.Results;

/// <summary>
/// One customer read by Get-ThuliumCustomer. Pipe it to Remove-ThuliumCustomer (which reads CustomerId). Values
/// the API returns empty ("") are $null here.
/// </summary>
public sealed class ThuliumCustomer
{
    /// <summary>The customer's id.</summary>
    public long? CustomerId { get; internal set; }

    /// <summary>First name.</summary>
    public string? Name { get; internal set; }

    /// <summary>Last name.</summary>
    public string? Surname { get; internal set; }

    /// <summary>The main e-mail address (the first of <see cref="Emails"/>).</summary>
    public string? Email { get; internal set; }

    /// <summary>Every e-mail address the answer holds.</summary>
    public string[] Emails { get; internal set; } = [];

    /// <summary>The main phone number (the API's phone_number).</summary>
    public string? PhoneNumber { get; internal set; }

    /// <summary>Every phone number (the API's phone_numbers, with phone_number).</summary>
    public string[] PhoneNumbers { get; internal set; } = [];

    /// <summary>Id of the customer's company.</summary>
    public long? CompanyId { get; internal set; }

    /// <summary>Whether the customer is a company.</summary>
    public bool? CompanyFlag { get; internal set; }

    /// <summary>The customer identifier.</summary>
    public string? Identifier { get; internal set; }

    /// <summary>Customer type name.</summary>
    public string? Type { get; internal set; }

    /// <summary>Customer group name.</summary>
    public string? Group { get; internal set; }

    /// <summary>NIP (Polish tax id).</summary>
    public string? Nip { get; internal set; }

    /// <summary>PESEL number.</summary>
    public string? Pesel { get; internal set; }

    /// <summary>Gender.</summary>
    public string? Gender { get; internal set; }

    /// <summary>Web site.</summary>
    public string? Homepage { get; internal set; }

    /// <summary>Date of birth, as the server gives it.</summary>
    public string? Birthdate { get; internal set; }

    /// <summary>Note.</summary>
    public string? Note { get; internal set; }

    /// <summary>Workplace.</summary>
    public string? Job { get; internal set; }

    /// <summary>Job title.</summary>
    public string? JobTitle { get; internal set; }

    /// <summary>Login of the account manager.</summary>
    public string? AccountManager { get; internal set; }

    /// <summary>VIP flag.</summary>
    public bool? Vip { get; internal set; }

    /// <summary>Last modification, as the server gives it.</summary>
    public string? UpdatedAt { get; internal set; }

    /// <summary>Custom fields keyed by field name (case-insensitive); $null when the answer had none.</summary>
    public Hashtable? CustomFields { get; internal set; }

    /// <summary>Address (street, building, flat, postcode, city, country); $null when the answer had none.</summary>
    public Hashtable? Address { get; internal set; }

    /// <summary>Invoice address, like <see cref="Address"/>.</summary>
    public Hashtable? InvoiceAddress { get; internal set; }

    /// <summary>Correspondence address, like <see cref="Address"/>.</summary>
    public Hashtable? MailDropAddress { get; internal set; }

    /// <summary>
    /// The customer as New-ThuliumCustomer creates one: every field a create takes, under the API's names, with all
    /// e-mails and phone numbers (Email and PhoneNumber are only the first of each). Its id, CompanyFlag and
    /// UpdatedAt are the server's, not a create's.
    /// </summary>
    internal IEnumerable<KeyValuePair<string, object?>> CreateFields()
    {
        var fields = new (string Name, object? Value)[]
        {
            ("name", Name), ("surname", Surname), ("email", Emails.Length > 0 ? Emails : null),
            ("phone_number", PhoneNumbers.Length > 0 ? PhoneNumbers : null), ("company_id", CompanyId),
            ("identifier", Identifier), ("type", Type), ("group", Group), ("nip", Nip), ("pesel", Pesel),
            ("gender", Gender), ("homepage", Homepage), ("birthdate", Birthdate), ("note", Note), ("job", Job),
            ("job_title", JobTitle), ("account_manager", AccountManager), ("vip", Vip), ("custom_fields", CustomFields),
            ("address", Address), ("invoice_address", InvoiceAddress), ("mail_drop_address", MailDropAddress),
        };
        foreach (var (name, value) in fields)
        {
            if (value is not null)
            {
                yield return new KeyValuePair<string, object?>(name, value);
            }
        }
    }

    /// <summary>"Surname Name (id)".</summary>
    public override string ToString() => (Surname + " " + Name).Trim() + " (" + CustomerId + ")";
}
