using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ThuliumPS.Core.Models;

namespace ThuliumPS.Core.Input;

/// <summary>
/// Builds a custom-field group item from a group id, a customer id and values given as a dictionary
/// (field id → value), a list of dictionaries with <c>field_id</c>/<c>value</c>, or — from CSV — one column per
/// field named <c>field.&lt;id&gt;</c> (also <c>field_&lt;id&gt;</c>), e.g. <c>field.8</c>, <c>field.12</c>.
/// </summary>
public static class FieldGroupItemInputMapper
{
    /// <summary>The CSV column prefix for field values.</summary>
    public const string FieldColumnPrefix = "field.";

    /// <summary>The parameter that gives the group for every row, as the user types it.</summary>
    public const string GroupParameter = "-GroupId";

    /// <summary>
    /// Maps one row: customer_id, group_id (or <paramref name="groupParameter"/> for rows without one; a row naming
    /// another group is refused), and the values as <c>field.&lt;id&gt;</c> columns or a <c>values</c> column.
    /// </summary>
    public static InputResult<FieldGroupItemDraft> Map(InputItem item, object? groupParameter)
    {
        if (item is null) throw new ArgumentNullException(nameof(item));
        if (item.Problems.Count > 0)
        {
            return InputResult<FieldGroupItemDraft>.Invalid(string.Join(" ", item.Problems));
        }

        if (!item.IsRow)
        {
            return InputResult<FieldGroupItemDraft>.Invalid(
                $"{item.Describe()} is not a field group item: pipe rows with customer_id and field.<id> columns, or use -CustomerId and -Value.");
        }

        var group = IdInputs.FromRowOrParameter<long>(item, "group_id", GroupParameter, groupParameter, value => IdInputs.PositiveId(value, "group_id"));
        var customer = IdInputs.FromRowOrParameter<long>(item, "customer_id", "-CustomerId", null, value => IdInputs.PositiveId(value, "customer_id"));
        item.TryGetColumn(["values"], out _, out var values);
        var errors = new[] { group.Error, customer.Error }.Where(e => e is not null).Select(e => e!).ToList();
        var fields = Values(values, item.Columns, errors);
        return errors.Count > 0
            ? InputResult<FieldGroupItemDraft>.Invalid(string.Join(" ", errors.Distinct()))
            : InputResult<FieldGroupItemDraft>.Valid(new FieldGroupItemDraft(group.Value, customer.Value, fields));
    }

    /// <summary>Maps one item.</summary>
    /// <param name="groupId">The group id (number or digit string).</param>
    /// <param name="customerId">The customer id.</param>
    /// <param name="values">A dictionary, a list of dictionaries with field_id/value, or null when columns give them.</param>
    /// <param name="columns">The row's other columns; <c>field.&lt;id&gt;</c> ones become values, blank cells are skipped.</param>
    public static InputResult<FieldGroupItemDraft> Map(object? groupId, object? customerId, object? values, IEnumerable<KeyValuePair<string, object?>>? columns = null)
    {
        var errors = new List<string>();
        var group = InputValues.PositiveId("group_id", groupId, errors);
        var customer = InputValues.PositiveId("customer_id", customerId, errors);
        if (groupId is null) errors.Add("The group id is missing.");
        if (customerId is null) errors.Add("The customer id is missing.");

        var fields = Values(values, columns, errors);
        return errors.Count == 0
            ? InputResult<FieldGroupItemDraft>.Valid(new FieldGroupItemDraft(group!.Value, customer!.Value, fields))
            : InputResult<FieldGroupItemDraft>.Invalid(string.Join(" ", errors.Distinct()));
    }

    /// <summary>The field values from a values dictionary/list and the <c>field.&lt;id&gt;</c> columns; at least one is required.</summary>
    private static List<FieldValue> Values(object? values, IEnumerable<KeyValuePair<string, object?>>? columns, List<string> errors)
    {
        var fields = new List<FieldValue>();
        AddValues(values, fields, errors);
        foreach (var column in columns ?? [])
        {
            if (FieldIdOfColumn(column.Key) is { } fieldText && !InputValues.IsBlank(column.Value))
            {
                Add(column.Key, fieldText, column.Value, fields, errors);
            }
        }

        if (fields.Count == 0 && errors.Count == 0)
        {
            errors.Add("No field values given: use -Value @{ <field id> = <value> } or columns named 'field.<id>'.");
        }

        return fields;
    }

    /// <summary>The field id text of a <c>field.&lt;id&gt;</c> / <c>field_&lt;id&gt;</c> column, or null for other columns.</summary>
    public static string? FieldIdOfColumn(string column)
    {
        if (column is null) throw new ArgumentNullException(nameof(column));
        column = column.Trim();
        foreach (var prefix in new[] { FieldColumnPrefix, "field_" })
        {
            if (column.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && column.Length > prefix.Length)
            {
                return column.Substring(prefix.Length);
            }
        }

        return null;
    }

    private static void AddValues(object? values, List<FieldValue> fields, List<string> errors)
    {
        switch (values)
        {
            case null:
                return;
            case IDictionary map when !IsPair(map):
                foreach (DictionaryEntry entry in map)
                {
                    Add("values", entry.Key, entry.Value, fields, errors);
                }

                return;
            case IDictionary pair:
                Add("values", Get(pair, "field_id"), Get(pair, "value"), fields, errors);
                return;
            case IEnumerable list and not string:
                foreach (var item in list)
                {
                    if (item is IDictionary one && IsPair(one))
                    {
                        Add("values", Get(one, "field_id"), Get(one, "value"), fields, errors);
                    }
                    else
                    {
                        errors.Add($"Values: '{item}' is not a field_id/value pair.");
                    }
                }

                return;
            default:
                errors.Add("Values: give a hashtable of field id → value, or objects with field_id and value.");
                return;
        }
    }

    private static void Add(string column, object? fieldId, object? value, List<FieldValue> fields, List<string> errors)
    {
        var id = InputValues.PositiveId(column + " field id", fieldId, errors);
        var scalar = InputValues.Scalar($"{column} (field {fieldId})", value, errors);
        if (id is { } valid)
        {
            fields.Add(new FieldValue(valid, scalar));
        }
    }

    private static bool IsPair(IDictionary map) => Get(map, "field_id") is not null && map.Count <= 2;

    private static object? Get(IDictionary map, string name)
    {
        foreach (DictionaryEntry entry in map)
        {
            if (ColumnNames.Normalize(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "") == ColumnNames.Normalize(name))
            {
                return entry.Value;
            }
        }

        return null;
    }
}
