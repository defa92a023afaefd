using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Models;

namespace ThuliumPS.Core.Input;

/// <summary>
/// Turns one input row — an Import-Csv row, a hashtable, or the typed parameters of New-ThuliumCustomer, flattened
/// to name/value pairs by the cmdlet — into a <see cref="CustomerDraft"/>, or one message naming every problem.
/// Lives for one command run: a column that maps to nothing is reported once, as a warning.
/// </summary>
/// <remarks>
/// Rules: names bind case-insensitively in snake_case or PascalCase; nested values as
/// <c>address.street</c>, <c>invoice_address.city</c>, <c>mail_drop_address.postcode</c> and
/// <c>custom_fields.&lt;Field name&gt;</c>, or as dictionaries under <c>address</c>/<c>custom_fields</c>; blank
/// values are not sent (so an empty CSV cell never clears a custom field — only an explicit empty string given in a
/// custom-fields dictionary does); several e-mails in one cell are separated by ';', ',' or spaces, several phone numbers by ';'.
/// </remarks>
public sealed class CustomerInputMapper
{
    /// <summary>The message for a row without a surname.</summary>
    public const string SurnameRequired = "Surname is required.";

    private delegate void Setter(CustomerDraft draft, string column, object? value, ICollection<string> errors);

    private static readonly Dictionary<string, Setter> Fields = new(StringComparer.Ordinal)
    {
        ["name"] = (d, c, v, e) => d.Name = InputValues.Text(c, v, e),
        ["surname"] = (d, c, v, e) => d.Surname = InputValues.Text(c, v, e),
        ["email"] = (d, c, v, e) => d.Email = InputValues.List(c, v, e, InputValues.EmailSeparators),
        ["phonenumber"] = (d, c, v, e) => d.PhoneNumber = InputValues.List(c, v, e, InputValues.PhoneSeparators),
        ["companyid"] = (d, c, v, e) => d.CompanyId = InputValues.PositiveId(c, v, e),
        ["type"] = (d, c, v, e) => d.Type = InputValues.Text(c, v, e),
        ["group"] = (d, c, v, e) => d.Group = InputValues.Text(c, v, e),
        ["identifier"] = (d, c, v, e) => d.Identifier = InputValues.Text(c, v, e),
        ["gender"] = (d, c, v, e) => d.Gender = InputValues.Text(c, v, e),
        ["homepage"] = (d, c, v, e) => d.Homepage = InputValues.Text(c, v, e),
        ["birthdate"] = (d, c, v, e) => d.Birthdate = InputValues.Date(c, v, e),
        ["nip"] = (d, c, v, e) => d.Nip = InputValues.Text(c, v, e),
        ["note"] = (d, c, v, e) => d.Note = InputValues.Text(c, v, e),
        ["pesel"] = (d, c, v, e) => d.Pesel = InputValues.Text(c, v, e),
        ["job"] = (d, c, v, e) => d.Job = InputValues.Text(c, v, e),
        ["jobtitle"] = (d, c, v, e) => d.JobTitle = InputValues.Text(c, v, e),
        ["accountmanager"] = (d, c, v, e) => d.AccountManager = InputValues.Text(c, v, e),
        ["fillreadonlycustomfields"] = (d, c, v, e) => d.FillReadOnlyCustomFields = InputValues.Boolean(c, v, e),
        ["vip"] = (d, c, v, e) => d.Vip = InputValues.Boolean(c, v, e),
    };

    private static readonly Dictionary<string, Func<CustomerDraft, PostalAddress>> Addresses = new(StringComparer.Ordinal)
    {
        ["address"] = d => d.Address ??= new PostalAddress(),
        ["invoiceaddress"] = d => d.InvoiceAddress ??= new PostalAddress(),
        ["maildropaddress"] = d => d.MailDropAddress ??= new PostalAddress(),
    };

    private static readonly Dictionary<string, Action<PostalAddress, string?>> AddressParts = new(StringComparer.Ordinal)
    {
        ["street"] = (a, v) => a.Street = v,
        ["building"] = (a, v) => a.Building = v,
        ["flat"] = (a, v) => a.Flat = v,
        ["postcode"] = (a, v) => a.Postcode = v,
        ["city"] = (a, v) => a.City = v,
        ["country"] = (a, v) => a.Country = v,
    };

    private const string CustomFieldsKey = "customfields";

    private readonly UnmappedColumns unmapped;

    /// <summary>Creates a mapper for one command run.</summary>
    /// <param name="log">Where the one-per-column "maps to nothing" warnings go.</param>
    /// <param name="ignoredColumns">Columns the caller consumes itself (never reported).</param>
    public CustomerInputMapper(IEngineLog log, IEnumerable<string>? ignoredColumns = null) =>
        unmapped = new UnmappedColumns(log, "no customer field", ignoredColumns);

    /// <summary>Maps one input item: a row of customer fields (a single value cannot be a customer).</summary>
    public InputResult<CustomerDraft> Map(InputItem item)
    {
        if (item is null) throw new ArgumentNullException(nameof(item));
        if (item.ColumnSet is not { } columns)
        {
            return InputResult<CustomerDraft>.Invalid(
                $"{item.Describe()} is not a customer: pipe rows or objects with customer fields (surname, name, email …), or use -Surname and the other parameters.");
        }

        if (columns.Count == 0)
        {
            return InputResult<CustomerDraft>.Invalid("The input item is empty: it has no columns or properties.");
        }

        // Which field each column fills is worked out once per header, not once per row.
        var routes = columns.Derived(RoutesKey, set => set.Names.Select(RouteOf).ToArray());
        var errors = new List<string>();
        var draft = new CustomerDraft();
        for (var i = 0; i < routes.Length; i++)
        {
            if (item.Stands(i))
            {
                routes[i](this, draft, item.ValueAt(i), errors);
            }
        }

        if (draft.Surname is null && errors.All(e => !e.StartsWith("Column 'surname'", StringComparison.OrdinalIgnoreCase)))
        {
            errors.Insert(0, SurnameRequired);
        }

        // The row's own problems (two columns for one field, damaged text, a foreign delimiter) come first: they
        // explain the rest, e.g. a ';'-delimited row also lacks a surname.
        errors.InsertRange(0, item.Problems);
        return errors.Count == 0 ? InputResult<CustomerDraft>.Valid(draft) : InputResult<CustomerDraft>.Invalid(string.Join(" ", errors), draft);
    }

    /// <summary>Maps one row given as name/value pairs (the typed parameters of New-ThuliumCustomer).</summary>
    public InputResult<CustomerDraft> Map(IEnumerable<KeyValuePair<string, object?>>? row) => Map(InputItem.Row(row ?? []));

    private delegate void ColumnRoute(CustomerInputMapper mapper, CustomerDraft draft, object? value, List<string> errors);

    private static readonly object RoutesKey = new();

    /// <summary>Where a column's value goes: a field, an address part, a custom field, or nowhere (one warning).</summary>
    private static ColumnRoute RouteOf(string column)
    {
        var (prefix, rest) = ColumnNames.Split(column);
        if (rest is null && Fields.TryGetValue(prefix, out var set))
        {
            return (_, draft, value, errors) => set(draft, column, value, errors);
        }

        if (Addresses.TryGetValue(prefix, out var address))
        {
            if (rest is null)
            {
                return (mapper, draft, value, errors) => mapper.ApplyAddressDictionary(address, draft, column, value, errors);
            }

            // A column such as 'address.city': its part is found once per header, like every other column's field.
            if (!AddressParts.TryGetValue(ColumnNames.Normalize(rest), out var setPart))
            {
                return Unmapped(column);
            }

            return (_, draft, value, errors) => SetAddressPart(address, setPart, draft, column, value, errors);
        }

        if (prefix == CustomFieldsKey)
        {
            return (_, draft, value, errors) => ApplyCustomFields(draft, column, rest, value, errors);
        }

        return Unmapped(column);
    }

    /// <summary>A column no field takes: one warning per command, however many rows have it.</summary>
    private static ColumnRoute Unmapped(string column) => (mapper, _, _, _) => mapper.unmapped.Report(column);

    /// <summary>The whole address as a dictionary: @{ street = '…'; city = '…' } (typed callers, not CSV cells).</summary>
    private void ApplyAddressDictionary(Func<CustomerDraft, PostalAddress> address, CustomerDraft draft, string column, object? value, List<string> errors)
    {
        if (InputValues.IsBlank(value))
        {
            return;
        }

        if (value is not IDictionary parts)
        {
            errors.Add($"Column '{column}': give a hashtable of street, building, flat, postcode, city, country, or columns such as '{column}.city'.");
            return;
        }

        foreach (DictionaryEntry entry in parts)
        {
            var part = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
            var partColumn = column + "." + part;
            if (AddressParts.TryGetValue(ColumnNames.Normalize(part), out var setPart))
            {
                SetAddressPart(address, setPart, draft, partColumn, entry.Value, errors);
            }
            else
            {
                unmapped.Report(partColumn);
            }
        }
    }

    private static void SetAddressPart(Func<CustomerDraft, PostalAddress> address, Action<PostalAddress, string?> setPart, CustomerDraft draft, string column, object? value, List<string> errors)
    {
        var text = InputValues.Text(column, value, errors);
        if (text is not null)
        {
            setPart(address(draft), text);
        }
    }

    private static void ApplyCustomFields(CustomerDraft draft, string column, string? fieldName, object? value, List<string> errors)
    {
        if (fieldName is not null)
        {
            // A CSV cell: blank means "not given", never "clear the field".
            if (!InputValues.IsBlank(value) && string.IsNullOrWhiteSpace(fieldName))
            {
                // Sent as it is, "" would name a custom field nobody meant, and the API creates a custom field it does not know.
                errors.Add($"Column '{column}': no field name after the dot; name the custom field, e.g. 'custom_fields.Contract number'.");
                return;
            }

            if (!InputValues.IsBlank(value) && InputValues.Scalar(column, value, errors) is { } scalar)
            {
                (draft.CustomFields ??= new Dictionary<string, object?>(StringComparer.Ordinal))[fieldName] = scalar;
            }

            return;
        }

        if (InputValues.IsBlank(value))
        {
            return;
        }

        if (value is not IDictionary fields)
        {
            errors.Add($"Column '{column}': give a hashtable of field name → value, or columns such as 'custom_fields.<Field name>'.");
            return;
        }

        foreach (DictionaryEntry entry in fields)
        {
            var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
            var itemColumn = column + "." + name;
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add($"Column '{column}': a custom field without a name; every key of the hashtable names a field.");
                continue;
            }

            // A typed caller's explicit empty string is sent: the API documents it as clearing the field.
            var scalar = entry.Value is null ? null : InputValues.Scalar(itemColumn, entry.Value, errors);
            if (scalar is not null)
            {
                (draft.CustomFields ??= new Dictionary<string, object?>(StringComparer.Ordinal))[name] = scalar;
            }
        }
    }
}
