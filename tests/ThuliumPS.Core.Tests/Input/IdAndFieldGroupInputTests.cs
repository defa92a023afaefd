using System.Collections;
using ThuliumPS.Core.Input;

namespace ThuliumPS.Core.Tests.Input;

public sealed class IdAndFieldGroupInputTests
{
    private static readonly FieldGroupItemInputMapper Mapper = new(ThuliumPS.Core.Diagnostics.NullEngineLog.Instance);

    [Theory]
    [InlineData(1, "00001")]
    [InlineData("42", "00042")]
    [InlineData(" 7 ", "00007")]
    [InlineData("00003", "00003")]
    [InlineData("AB123", "AB123")]
    [InlineData(12345L, "12345")]
    [InlineData(3.0, "00003")]
    public void Campaign_ids_are_zero_padded_or_taken_as_five_characters(object input, string expected)
    {
        Assert.Equal(expected, IdInputs.CampaignId(input).Value);
    }

    [Theory]
    [InlineData("123456")]
    [InlineData("abc")]
    [InlineData("00 01")]
    [InlineData("")]
    [InlineData(1.5)]
    public void Anything_else_is_not_a_campaign_id(object input)
    {
        var result = IdInputs.CampaignId(input);

        Assert.False(result.IsValid);
        Assert.NotNull(result.Error);
    }

    [Theory]
    [InlineData(13, 13L)]
    [InlineData("14", 14L)]
    [InlineData(15.0, 15L)]
    public void Customer_ids_are_positive_whole_numbers(object input, long expected)
    {
        Assert.Equal(expected, IdInputs.PositiveId(input, "customer_id").Value);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1.5)]
    [InlineData(null)]
    public void Other_customer_ids_are_refused_with_the_column_named(object? input)
    {
        var result = IdInputs.PositiveId(input, "customer_id");

        Assert.False(result.IsValid);
        Assert.Contains("customer_id", result.Error, StringComparison.Ordinal);
        // Nothing is known of a refused id: a result must not show the long's default 0 as its id.
        Assert.False(result.TryGetKnown(out _));
    }

    [Fact]
    public void A_valid_id_is_known()
    {
        Assert.True(IdInputs.PositiveId(441, "customer_id").TryGetKnown(out var known));
        Assert.Equal(441L, known);
    }

    [Fact]
    public void Field_values_from_a_hashtable()
    {
        var item = Mapper.Map(2, "441", new Hashtable { [8] = 13, ["10"] = "comment" }).Value!;

        Assert.Equal((2L, 441L), (item.GroupId, item.CustomerId));
        Assert.Equal([(8L, (object?)13L), (10L, "comment")], item.Values.Select(v => (v.FieldId, v.Value)).OrderBy(v => v.FieldId));
    }

    [Fact]
    public void Field_values_from_field_id_value_pairs()
    {
        var pairs = new object[] { new Hashtable { ["field_id"] = 12, ["value"] = "phone" }, new Hashtable { ["FieldId"] = "8", ["Value"] = 1 } };

        var item = Mapper.Map("2", 441, pairs).Value!;

        Assert.Equal([12L, 8L], item.Values.Select(v => v.FieldId));
    }

    [Fact]
    public void Field_values_from_csv_columns_skip_blank_cells_and_other_columns()
    {
        var columns = new Dictionary<string, object?> { ["group_id"] = "2", ["customer_id"] = "441", ["field.8"] = "13", ["Field_10"] = "c", ["field.12"] = "", ["note"] = "x" };

        var item = Mapper.Map(InputItem.Row(columns), null).Value!;

        Assert.Equal([(8L, (object?)"13"), (10L, "c")], item.Values.Select(v => (v.FieldId, v.Value)));
    }

    [Theory]
    [InlineData("field.x")]
    [InlineData("field.-1")]
    public void A_field_id_that_is_not_a_positive_integer_is_refused(string column)
    {
        var result = Mapper.Map(InputItem.Row(new Dictionary<string, object?> { ["group_id"] = 2, ["customer_id"] = 441, [column] = "v" }), null);

        Assert.False(result.IsValid);
        Assert.Contains("field id", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_scalar_values_missing_ids_and_no_values_are_refused()
    {
        Assert.Contains("not a single value", Mapper.Map(2, 441, new Hashtable { [8] = new Hashtable() }).Error, StringComparison.Ordinal);
        Assert.Contains("customer id is missing", Mapper.Map(2, null, new Hashtable { [8] = 1 }).Error, StringComparison.Ordinal);
        Assert.Contains("No field values given", Mapper.Map(2, 441, null).Error, StringComparison.Ordinal);
    }
}
