using ThuliumPS.Core.Input;

namespace ThuliumPS.Core.Tests.Input;

/// <summary>
/// Rows as every cmdlet reads them: one name rule, two columns for one field, damaged text, a foreign delimiter,
/// ids from values or rows, and a parameter that fills rows without the column but never overrides one.
/// </summary>
public sealed class RowInputTests
{
    private static InputItem Row(params (string Column, object? Value)[] columns) =>
        InputItem.Row(columns.Select(c => new KeyValuePair<string, object?>(c.Column, c.Value)));

    [Theory]
    [InlineData("customer_id")]
    [InlineData("CustomerId")]
    [InlineData(" Customer-ID ")]
    [InlineData("CUSTOMER ID")]
    public void Every_spelling_of_a_column_is_found_by_the_one_name_rule(string header)
    {
        Assert.Equal(13, IdInputs.CustomerId(Row((header, "13"))).Value);
    }

    [Fact]
    public void Two_columns_for_one_field_with_different_values_are_a_problem_naming_both()
    {
        var item = Row(("surname", "K"), ("phone_number", "111"), ("PhoneNumber", "222"));
        var problem = Assert.Single(item.Problems);
        Assert.Contains("'phone_number' and 'PhoneNumber'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_duplicate_gives_way_and_an_equal_one_is_no_problem()
    {
        var blankFirst = Row(("PhoneNumber", ""), ("phone_number", "111"));
        var equal = Row(("custom_fields.Kanal", "web"), ("CustomFields.kanal", " web "));

        Assert.Empty(blankFirst.Problems);
        Assert.Equal("111", Assert.Single(blankFirst.Columns).Value);
        Assert.Empty(equal.Problems);
        Assert.Single(equal.Columns);
    }

    [Fact]
    public void Text_damaged_by_a_wrong_encoding_is_a_problem_that_names_the_fix()
    {
        var problem = Assert.Single(Row(("surname", "W\uFFFDjcik")).Problems);
        Assert.Contains("U+FFFD", problem, StringComparison.Ordinal);
        Assert.Contains("Import-Csv -Encoding", problem, StringComparison.Ordinal);
        Assert.NotEmpty(InputItem.Single("1\uFFFD").Problems);
    }

    [Fact]
    public void A_whole_line_read_as_one_column_says_which_delimiter_to_use()
    {
        var mapped = new CustomerInputMapper(ThuliumPS.Core.Diagnostics.NullEngineLog.Instance).Map(Row(("name;surname", "Jan;Kowalski")));
        Assert.False(mapped.IsValid);
        Assert.StartsWith("The row has a column named 'name;surname'", mapped.Error, StringComparison.Ordinal);
        Assert.Contains("Import-Csv -Delimiter ';'", mapped.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_id_column_and_an_empty_one_are_told_apart()
    {
        Assert.Equal(
            "No customer id: the item has no customer_id or id column or property (it has: client_id, name).",
            IdInputs.CustomerId(Row(("client_id", "12"), ("name", "x"))).Error);
        Assert.StartsWith(
            "The customer id is empty: column 'CustomerId' has no value",
            IdInputs.CustomerId(Row(("CustomerId", null), ("Surname", "K"))).Error,
            StringComparison.Ordinal);
        Assert.Equal(7, IdInputs.CustomerId(InputItem.Single(7)).Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData("0")]
    [InlineData("00000")]
    public void Campaign_zero_is_not_a_campaign(object id)
    {
        var error = IdInputs.CampaignId(id).Error!;
        Assert.Contains("campaign numbers start at 00001", error, StringComparison.Ordinal);
        Assert.StartsWith("'" + Convert.ToString(id, System.Globalization.CultureInfo.InvariantCulture) + "' ", error, StringComparison.Ordinal); // as typed, not padded
    }

    [Theory]
    [InlineData("\u0663")]          // ARABIC-INDIC DIGIT THREE
    [InlineData("\u0661\u0662")]
    [InlineData("0000\u0663")]
    [InlineData("ABC1\u00e9")]     // a letter outside ASCII
    public void A_campaign_id_takes_ascii_letters_and_digits_only(string id)
    {
        Assert.False(IdInputs.CampaignId(id).IsValid);
        Assert.Equal("00012", IdInputs.CampaignId("12").Value);
        Assert.Equal("AB12c", IdInputs.CampaignId("AB12c").Value);
    }

    [Fact]
    public void A_parameter_fills_rows_without_the_column_and_refuses_rows_that_name_another()
    {
        var named = CrmRecordInputMapper.Map(Row(("campaign_id", "1"), ("customer_id", "441")), 3);
        var blank = CrmRecordInputMapper.Map(Row(("campaign_id", ""), ("customer_id", "441")), 3);
        var same = CrmRecordInputMapper.Map(Row(("Campaign_ID", "00003"), ("customer_id", "441")), "3");
        var none = CrmRecordInputMapper.Map(Row(("customer_id", "441")), null);

        Assert.Equal(
            "The row names campaign id 00001 but -CampaignId is 00003; nothing was sent for it. Remove -CampaignId to use each row's own campaign_id, or correct the row.",
            named.Error);
        Assert.Equal("00003", blank.Value!.CampaignId);
        Assert.Equal(("00003", 441L), (same.Value!.CampaignId, same.Value.CustomerId));
        Assert.Equal("The campaign id is missing: give -CampaignId, or a campaign_id column.", none.Error);
    }

    [Fact]
    public void A_field_group_row_reads_field_columns_and_checks_its_group_against_GroupId()
    {
        var row = Row(("group_id", "2"), ("customer_id", "441"), (" field.8 ", "13"), ("field.10", ""));
        var item = new FieldGroupItemInputMapper(ThuliumPS.Core.Diagnostics.NullEngineLog.Instance).Map(row, null).Value!;
        var conflict = new FieldGroupItemInputMapper(ThuliumPS.Core.Diagnostics.NullEngineLog.Instance).Map(row, 5);

        Assert.Equal((2L, 441L), (item.GroupId, item.CustomerId));
        Assert.Equal([8L], item.Values.Select(v => v.FieldId));
        Assert.Contains("group id 2 but -GroupId is 5", conflict.Error, StringComparison.Ordinal);
        Assert.Contains("is not a field group item", new FieldGroupItemInputMapper(ThuliumPS.Core.Diagnostics.NullEngineLog.Instance).Map(InputItem.Single(441), 2).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_customer_row_still_carries_what_could_be_read()
    {
        var mapped = new CustomerInputMapper(ThuliumPS.Core.Diagnostics.NullEngineLog.Instance).Map(Row(("name", "Jan"), ("surname", "Kowalski"), ("vip", "maybe")));
        Assert.False(mapped.IsValid);
        Assert.Equal(("Jan", "Kowalski"), (mapped.Partial!.Name, mapped.Partial.Surname));
        Assert.True(mapped.TryGetKnown(out var known));
        Assert.Same(mapped.Partial, known);
    }
}
