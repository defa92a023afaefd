using System.Collections;
using System.Collections.Specialized;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Input;
using ThuliumPS.Core.Models;
using ThuliumPS.Core.Tests.Support;

namespace ThuliumPS.Core.Tests.Input;

/// <summary>
/// Field group item rows that would otherwise lose something without a word: a field given twice, values under
/// the documented Value property, columns that map to nothing, the ids of a refused row, and messages that name
/// the column once.
/// </summary>
public sealed class FieldGroupItemInputMapperTests
{
    private readonly EngineMessageQueue log = new();
    private FieldGroupItemInputMapper? mapper;

    private InputResult<FieldGroupItemDraft> Map(InputItem row, object? group = null) => (mapper ??= new FieldGroupItemInputMapper(log)).Map(row, group);

    private InputResult<FieldGroupItemDraft> MapTyped(object? group, object? customer, object? values) => (mapper ??= new FieldGroupItemInputMapper(log)).Map(group, customer, values);

    private static InputItem Row(params (string Column, object? Value)[] columns) =>
        InputItem.Row(columns.Select(c => new KeyValuePair<string, object?>(c.Column, c.Value)));

    private List<string> Warnings() => log.TakeAll();

    [Fact]
    public void A_field_given_twice_with_different_values_fails_the_row_naming_both()
    {
        var columns = Map(Row(("customer_id", 441), ("field.8", "a"), ("field_8", "b")), 2);
        // Added, not indexed: an OrderedDictionary's int indexer is a position. Ordered, so the message is predictable.
        var keys = new OrderedDictionary { { 8, "a" }, { "8", "b" } };
        var typed = MapTyped(2, 441, keys);

        Assert.Equal("Columns 'field.8' and 'field_8' name the same field with different values ('a', 'b'); keep one of them.", columns.Error);
        Assert.Equal("Columns 'values[8]' and 'values[\"8\"]' name the same field with different values ('a', 'b'); keep one of them.", typed.Error);
    }

    [Fact]
    public void A_field_given_twice_with_the_same_value_is_sent_once()
    {
        var item = Map(Row(("customer_id", 441), ("field.8", "a"), ("field_8", " a "), ("values", new Hashtable { [8] = "a" })), 2).Value!;

        Assert.Equal([(8L, (object?)"a")], item.Values.Select(v => (v.FieldId, v.Value)));
    }

    [Theory]
    [InlineData("Value")]
    [InlineData("value")]
    [InlineData("VALUE")]
    public void A_Value_property_gives_the_values_as_the_help_says(string property)
    {
        var item = Map(Row(("GroupId", 2), ("CustomerId", 441), (property, new Hashtable { [8] = "a" }))).Value!;

        Assert.Equal((2L, 441L), (item.GroupId, item.CustomerId));
        Assert.Equal([(8L, (object?)"a")], item.Values.Select(v => (v.FieldId, v.Value)));
    }

    [Fact]
    public void A_column_that_maps_to_nothing_is_reported_once_per_run_and_the_columns_read_never()
    {
        for (var i = 0; i < 3; i++)
        {
            Map(Row(("GroupId", 2), ("customer_id", 441), ("note", "x"), ("field.8", "a"), ("GroupIdX", 3), ("Value", new Hashtable { [10] = "b" }), ("feld.8", "c")));
        }

        Assert.Equal(
            [
                "Column 'note' maps to nothing in a field group item (group_id, customer_id, values, field.<id>) and is ignored.",
                "Column 'GroupIdX' maps to nothing in a field group item (group_id, customer_id, values, field.<id>) and is ignored.",
                "Column 'feld.8' maps to nothing in a field group item (group_id, customer_id, values, field.<id>) and is ignored.",
            ],
            Warnings());
    }

    [Fact]
    public void A_refused_row_keeps_the_ids_it_gave()
    {
        var badField = Map(Row(("customer_id", 441), ("field.abc", "x")), 2);
        var badCustomer = Map(Row(("group_id", 2), ("customer_id", "abc"), ("field.8", "x")));

        Assert.False(badField.IsValid);
        Assert.Equal((2L, 441L), (badField.Partial!.GroupId, badField.Partial.CustomerId));
        Assert.False(badCustomer.IsValid);
        Assert.Equal((2L, 0L), (badCustomer.Partial!.GroupId, badCustomer.Partial.CustomerId));
    }

    [Fact]
    public void A_refused_id_names_its_column_or_parameter_once_in_every_mapper_that_reads_rows_and_parameters()
    {
        Assert.Equal("Column 'customer_id': 'abc' is not a positive whole number.", Map(Row(("customer_id", "abc"), ("field.8", "x")), 2).Error);
        Assert.Equal("-GroupId: 'x' is not a positive whole number.", Map(Row(("customer_id", 441), ("field.8", "x")), "x").Error);
        Assert.Equal("Column 'Customer_ID': 'abc' is not a positive whole number.", CrmRecordInputMapper.Map(Row(("campaign_id", 1), ("Customer_ID", "abc")), null).Error);
    }

    [Fact]
    public void A_bad_field_id_or_value_names_the_column_or_key_as_given()
    {
        var pairs = new object[] { new Hashtable { ["field_id"] = 8, ["value"] = "a" }, new Hashtable { ["field_id"] = "x", ["value"] = "b" } };

        Assert.Equal("Column 'field.abc': 'abc' is not a field id (a positive whole number).", Map(Row(("customer_id", 441), ("field.abc", "x")), 2).Error);
        Assert.Equal("Column 'values': 'Count' is not a field id (a positive whole number).", MapTyped(2, 441, new Hashtable { ["Count"] = "x" }).Error);
        Assert.Equal("Column 'Value[1]': 'x' is not a field id (a positive whole number).", Map(Row(("customer_id", 441), ("Value", pairs)), 2).Error);
        Assert.StartsWith("Column 'values[8]': a hashtable is not a single value", MapTyped(2, 441, new Hashtable { [8] = new Hashtable() }).Error, StringComparison.Ordinal);
    }
}
