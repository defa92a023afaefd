using System;
using System.Collections.Generic;
using System.Linq;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Models;

namespace ThuliumPS.Core.Input;

/// <summary>
/// Builds a custom-field group item from a group id, a customer id and values given as a dictionary
/// (field id → value), a list of dictionaries with <c>field_id</c>/<c>value</c> (in a <c>values</c> or
/// <c>value</c> column or property, any case), or — from CSV — one column per field named <c>field.&lt;id&gt;</c>
/// (also <c>field_&lt;id&gt;</c>), e.g. <c>field.8</c>, <c>field.12</c>. Lives for one command run: a column that
/// maps to nothing is reported once, as a warning.
/// </summary>
public sealed class FieldGroupItemInputMapper
{
    /// <summary>The CSV column prefix for field values.</summary>
    public const string FieldColumnPrefix = "field.";

    /// <summary>The parameter that gives the group for every row, as the user types it.</summary>
    public const string GroupParameter = "-GroupId";

    private enum ColumnKind
    {
        Id,
        Values,
        Field,
        Unmapped,
    }

    private static readonly object KindsKey = new();

    // Compared in ColumnNames.Normalize form: GroupId, group_id and CUSTOMER-ID are these columns too. 'value' as
    // well as 'values': the help documents objects with a Value property, and -Value's alias is 'values'.
    private static readonly HashSet<string> IdColumns = new(StringComparer.Ordinal) { ColumnNames.Normalize("group_id"), ColumnNames.Normalize("customer_id") };
    private static readonly HashSet<string> ValueColumns = new(StringComparer.Ordinal) { ColumnNames.Normalize("values"), ColumnNames.Normalize("value") };

    private readonly UnmappedColumns unmapped;

    /// <summary>Creates a mapper for one command run.</summary>
    /// <param name="log">Where the one-per-column "maps to nothing" warnings go.</param>
    /// <param name="ignoredColumns">Columns the caller consumes itself (never reported).</param>
    public FieldGroupItemInputMapper(IEngineLog log, IEnumerable<string>? ignoredColumns = null) =>
        unmapped = new UnmappedColumns(log, "nothing in a field group item (group_id, customer_id, values, field.<id>)", ignoredColumns);

    /// <summary>
    /// Maps one row: customer_id, group_id (or <paramref name="groupParameter"/> for rows without one; a row naming
    /// another group is refused), and the values as <c>field.&lt;id&gt;</c> columns or a <c>values</c>/<c>value</c>
    /// column. A refused row keeps the ids it gave (<see cref="InputResult{T}.Partial"/>; 0 for an id it did not).
    /// </summary>
    public InputResult<FieldGroupItemDraft> Map(InputItem item, object? groupParameter)
    {
        if (item is null) throw new ArgumentNullException(nameof(item));
        if (item.ColumnSet is not { } columns)
        {
            return InputResult<FieldGroupItemDraft>.Invalid(item.Problems.Count > 0
                ? string.Join(" ", item.Problems)
                : $"{item.Describe()} is not a field group item: pipe rows with customer_id and field.<id> columns, or use -CustomerId and -Value.");
        }

        var group = IdInputs.FromRowOrParameter<long>(item, "group_id", GroupParameter, groupParameter, IdInputs.PositiveId);
        var customer = IdInputs.FromRowOrParameter<long>(item, "customer_id", "-CustomerId", null, IdInputs.PositiveId);

        // The row's own problems (two columns for one field, damaged text, a foreign delimiter) come first: they
        // explain the rest, as in CustomerInputMapper.
        var errors = new List<string>(item.Problems);
        errors.AddRange(new[] { group.Error, customer.Error }.OfType<string>());
        var fields = new FieldValueList(errors);
        var kinds = columns.Derived(KindsKey, set => set.Names.Select(KindOf).ToArray());
        for (var i = 0; i < kinds.Length; i++)
        {
            if (!item.Stands(i))
            {
                continue;
            }

            var column = columns.Names[i];
            var value = item.ValueAt(i);
            switch (kinds[i])
            {
                case ColumnKind.Values:
                    fields.AddColumn(column, value);
                    break;
                case ColumnKind.Field when !InputValues.IsBlank(value):
                    fields.Add(column, column, FieldIdOfColumn(column), value);
                    break;
                case ColumnKind.Unmapped:
                    unmapped.Report(column);
                    break;
            }
        }

        if (fields.Values.Count == 0 && errors.Count == 0)
        {
            errors.Add("No field values given: use -Value @{ <field id> = <value> } or columns named 'field.<id>'.");
        }

        var draft = new FieldGroupItemDraft(group.IsValid ? group.Value : 0, customer.IsValid ? customer.Value : 0, fields.Values);
        return errors.Count == 0
            ? InputResult<FieldGroupItemDraft>.Valid(draft)
            : InputResult<FieldGroupItemDraft>.Invalid(string.Join(" ", errors.Distinct()), draft);
    }

    /// <summary>
    /// Maps the typed parameters, as the row they are recorded as (group_id, customer_id, values), so a failed
    /// call's InputObject piped back is read by the same rules and gives the same messages.
    /// </summary>
    /// <param name="groupId">The group id (number or digit string).</param>
    /// <param name="customerId">The customer id.</param>
    /// <param name="values">A dictionary, or a list of dictionaries with field_id/value.</param>
    public InputResult<FieldGroupItemDraft> Map(object? groupId, object? customerId, object? values) =>
        Map(InputItem.Row([new("group_id", groupId), new("customer_id", customerId), new("values", values)]), null);

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

    private static ColumnKind KindOf(string column)
    {
        var normalized = ColumnNames.Normalize(column);
        return IdColumns.Contains(normalized) ? ColumnKind.Id
            : ValueColumns.Contains(normalized) ? ColumnKind.Values
            : FieldIdOfColumn(column) is not null ? ColumnKind.Field
            : ColumnKind.Unmapped;
    }
}
