using System.Collections;
using System.Text.Json;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Input;
using ThuliumPS.Core.Models;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Tests.Support;

namespace ThuliumPS.Core.Tests.Input;

public sealed class CustomerInputMapperTests
{
    private readonly EngineMessageQueue log = new();

    private InputResult<CustomerDraft> Map(params (string Column, object? Value)[] row) =>
        new CustomerInputMapper(log).Map(row.Select(c => new KeyValuePair<string, object?>(c.Column, c.Value)));

    private List<string> Warnings() => log.TakeAll();

    [Theory]
    [InlineData("job_title")]
    [InlineData("JobTitle")]
    [InlineData("JOBTITLE")]
    [InlineData("Job-Title")]
    public void Snake_pascal_and_any_casing_bind_to_the_same_field(string column)
    {
        var draft = Map(("surname", "K"), (column, "CTO")).Value!;

        Assert.Equal("CTO", draft.JobTitle);
        Assert.Empty(Warnings());
    }

    [Fact]
    public void Every_documented_scalar_field_reaches_its_property()
    {
        var draft = Map(("name", "Jan"), ("surname", "Kowalski"), ("company_id", "456"), ("type", "T"), ("group", "G"),
            ("identifier", "ID1"), ("gender", "M"), ("homepage", "https://x.pl"), ("birthdate", "1980-02-03"), ("nip", "678"),
            ("note", "n"), ("pesel", "800203"), ("job", "ACME"), ("job_title", "CTO"), ("account_manager", "j.doe"),
            ("fill_read_only_custom_fields", "yes"), ("vip", "tak")).Value!;

        Assert.Equal(("Jan", "Kowalski", 456L, "T", "G", "ID1", "M", "https://x.pl", "1980-02-03"),
            (draft.Name, draft.Surname, draft.CompanyId, draft.Type, draft.Group, draft.Identifier, draft.Gender, draft.Homepage, draft.Birthdate));
        Assert.Equal(("678", "n", "800203", "ACME", "CTO", "j.doe", true, true),
            (draft.Nip, draft.Note, draft.Pesel, draft.Job, draft.JobTitle, draft.AccountManager, draft.FillReadOnlyCustomFields, draft.Vip));
    }

    [Theory]
    [InlineData("a@b.pl;c@d.pl")]
    [InlineData("a@b.pl, c@d.pl")]
    [InlineData("a@b.pl c@d.pl")]
    [InlineData(" a@b.pl ,;c@d.pl ")]
    public void Several_e_mails_in_one_cell_are_split_on_semicolons_commas_and_spaces(string cell)
    {
        Assert.Equal(["a@b.pl", "c@d.pl"], Map(("surname", "K"), ("email", cell)).Value!.Email!);
    }

    [Fact]
    public void Several_phone_numbers_are_split_on_semicolons_only_since_a_number_may_hold_spaces()
    {
        Assert.Equal(["501 502 503", "+48 12 345"], Map(("surname", "K"), ("phone_number", "501 502 503; +48 12 345")).Value!.PhoneNumber!);
        Assert.Equal(["501 502 503"], Map(("surname", "K"), ("phone_number", " 501 502 503 ")).Value!.PhoneNumber!);
    }

    [Fact]
    public void A_custom_field_without_a_name_fails_the_row_instead_of_sending_an_empty_name()
    {
        var dotted = Map(("surname", "K"), ("custom_fields.", "x"));
        Assert.False(dotted.IsValid);
        Assert.Contains("Column 'custom_fields.': no field name", dotted.Error, StringComparison.Ordinal);
        Assert.True(Map(("surname", "K"), ("custom_fields.", "")).IsValid); // a blank cell is not given at all

        var table = Map(("surname", "K"), ("custom_fields", new Hashtable { [" "] = "x" }));
        Assert.False(table.IsValid);
        Assert.Contains("without a name", table.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dotted_columns_fill_all_three_addresses()
    {
        var draft = Map(("surname", "K"), ("address.street", "Długa"), ("Address.City", "Kraków"), ("invoice_address.postcode", "30-001"),
            ("InvoiceAddress.Building", "5"), ("mail_drop_address.country", "PL"), ("mail_drop_address.flat", "7")).Value!;

        Assert.Equal(("Długa", "Kraków"), (draft.Address!.Street, draft.Address.City));
        Assert.Equal(("30-001", "5"), (draft.InvoiceAddress!.Postcode, draft.InvoiceAddress.Building));
        Assert.Equal(("PL", "7"), (draft.MailDropAddress!.Country, draft.MailDropAddress.Flat));
    }

    [Fact]
    public void Custom_field_columns_keep_names_with_spaces_and_polish_letters()
    {
        var draft = Map(("surname", "K"), ("custom_fields.Źródło", "web"), ("CustomFields.Miasto urodzenia", "Łódź"), ("custom_fields.Empty", "")).Value!;

        Assert.Equal(new Dictionary<string, object?> { ["Źródło"] = "web", ["Miasto urodzenia"] = "Łódź" }, draft.CustomFields);
    }

    [Fact]
    public void Hashtables_give_addresses_and_custom_fields_and_an_explicit_empty_string_clears()
    {
        var draft = Map(("Surname", "K"), ("Address", new Hashtable { ["city"] = "Gdańsk" }), ("CustomFields", new Hashtable { ["Źródło"] = "", ["Count"] = 3 })).Value!;

        Assert.Equal("Gdańsk", draft.Address!.City);
        Assert.Equal("", draft.CustomFields!["Źródło"]);
        Assert.Equal(3L, draft.CustomFields["Count"]);
    }

    [Fact]
    public void Several_emails_in_one_cell_are_split_and_serialised_as_an_array_one_as_a_string()
    {
        var several = Map(("surname", "K"), ("email", " a@x.pl ; b@x.pl;; "), ("phone_number", "111")).Value!;

        Assert.Equal(["a@x.pl", "b@x.pl"], several.Email!);
        var json = JsonSerializer.Serialize(several, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });
        Assert.Contains("\"email\":[\"a@x.pl\",\"b@x.pl\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"phone_number\":\"111\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("FALSE", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("Yes", true)]
    [InlineData("no", false)]
    [InlineData("TAK", true)]
    [InlineData(" nie ", false)]
    public void Text_booleans_are_read_exactly(string text, bool expected)
    {
        Assert.Equal(expected, Map(("surname", "K"), ("vip", text)).Value!.Vip);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("2")]
    [InlineData("truee")]
    public void Anything_else_is_a_row_error_never_a_silent_true(string text)
    {
        var result = Map(("surname", "K"), ("vip", text));

        Assert.False(result.IsValid);
        Assert.Contains($"Column 'vip': '{text}' is not a boolean", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_cells_are_not_sent()
    {
        var draft = Map(("surname", "K"), ("name", ""), ("vip", " "), ("email", ""), ("address.city", "")).Value!;

        Assert.Equal((null, null, null, null), (draft.Name, draft.Vip, draft.Email, draft.Address));
    }

    [Theory]
    [InlineData("03.02.1980")]
    [InlineData("1980-02-03T10:00:00")]
    [InlineData("1980/02/03")]
    public void Dates_are_normalised_to_iso(string text)
    {
        Assert.Equal("1980-02-03", Map(("surname", "K"), ("birthdate", text)).Value!.Birthdate);
    }

    [Fact]
    public void A_datetime_object_is_a_date_too()
    {
        Assert.Equal("1980-02-03", Map(("surname", "K"), ("Birthdate", new DateTime(1980, 2, 3, 15, 0, 0, DateTimeKind.Local))).Value!.Birthdate);
    }

    [Fact]
    public void Missing_surname_wrong_types_and_bad_values_are_all_listed_in_one_message()
    {
        var result = Map(("name", "Jan"), ("note", new Hashtable()), ("birthdate", "yesterday"), ("company_id", "-3"), ("custom_fields.X", new[] { 1, 2 }));

        Assert.False(result.IsValid);
        Assert.StartsWith(CustomerInputMapper.SurnameRequired, result.Error, StringComparison.Ordinal);
        Assert.Contains("Column 'note': a hashtable is not text.", result.Error, StringComparison.Ordinal);
        Assert.Contains("Column 'birthdate': 'yesterday' is not a date", result.Error, StringComparison.Ordinal);
        Assert.Contains("Column 'company_id': '-3' is not a positive whole number.", result.Error, StringComparison.Ordinal);
        Assert.Contains("Column 'custom_fields.X': a list is not a single value", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_item_is_refused()
    {
        Assert.Equal("The input item is empty: it has no columns or properties.", new CustomerInputMapper(log).Map((IEnumerable<KeyValuePair<string, object?>>?)null).Error);
    }

    [Fact]
    public void An_unknown_column_is_reported_once_per_run_and_ignored_columns_never()
    {
        var mapper = new CustomerInputMapper(log, ["RowNumber"]);
        for (var i = 0; i < 3; i++)
        {
            mapper.Map([new("surname", "K"), new("Fax", "123"), new("RowNumber", i)]);
        }

        Assert.Equal(["Column 'Fax' maps to no customer field and is ignored."], Warnings());
    }

    [Fact]
    public void An_unknown_address_part_is_reported_once_whether_a_column_or_a_hashtable_key_and_the_known_parts_still_fill()
    {
        var mapper = new CustomerInputMapper(log);
        for (var i = 0; i < 2; i++)
        {
            var draft = mapper.Map([new("surname", "K"), new("address.zip", "30-001"), new("address.city", "Kraków"),
                new("invoice_address", new Hashtable { ["Zip"] = "31-002", ["Street"] = "Polna" })]).Value!;
            Assert.Equal(("Kraków", null), (draft.Address!.City, draft.Address.Postcode));
            Assert.Equal(("Polna", null), (draft.InvoiceAddress!.Street, draft.InvoiceAddress.Postcode));
        }

        Assert.Equal(
            ["Column 'address.zip' maps to no customer field and is ignored.", "Column 'invoice_address.Zip' maps to no customer field and is ignored."],
            Warnings());
    }

    [Fact]
    public void An_address_part_that_is_not_text_fails_the_row_naming_the_column()
    {
        var dotted = Map(("surname", "K"), ("address.city", new[] { "a", "b" }));
        var keyed = Map(("surname", "K"), ("Address", new Hashtable { ["city"] = new Hashtable() }));

        Assert.StartsWith("Column 'address.city': a ", dotted.Error, StringComparison.Ordinal);
        Assert.StartsWith("Column 'Address.city': a ", keyed.Error, StringComparison.Ordinal);
    }
}
