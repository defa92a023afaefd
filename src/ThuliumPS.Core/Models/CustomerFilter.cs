namespace ThuliumPS.Core.Models;

/// <summary>
/// The documented filters of <c>GET customers</c>. A null filter is not sent. An empty string is sent as an
/// empty value, which the docs define for <c>identifier</c> and <c>phone_number</c> only ("customers without
/// one"); for the others an empty value's meaning is not documented.
/// </summary>
public sealed class CustomerFilter
{
    /// <summary><c>identifier</c>.</summary>
    public string? Identifier { get; set; }

    /// <summary><c>email</c>.</summary>
    public string? Email { get; set; }

    /// <summary><c>phone_number</c>.</summary>
    public string? PhoneNumber { get; set; }

    /// <summary><c>nip</c>.</summary>
    public string? Nip { get; set; }

    /// <summary><c>company_id</c>.</summary>
    public long? CompanyId { get; set; }

    /// <summary><c>type</c> (the type's text name).</summary>
    public string? Type { get; set; }

    /// <summary><c>group</c> (the group's text name).</summary>
    public string? Group { get; set; }
}
