using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ThuliumPS.Core.Input;

/// <summary>Ids from loosely typed input, with a specific message when one is not an id.</summary>
public static class IdInputs
{
    /// <summary>Length of a campaign id ("five-character identifier" in the API docs).</summary>
    public const int CampaignIdLength = 5;

    /// <summary>
    /// A customer (or group) id: a positive whole number or digit string. The error names no column: it is for
    /// callers that say themselves where the value came from (<see cref="FromRowOrParameter{T}"/>).
    /// </summary>
    public static InputResult<long> PositiveId(object? value) =>
        InputValues.ToPositiveId(value) is { } id ? InputResult<long>.Valid(id) : InputResult<long>.Invalid(InputValues.NotPositiveId(value));

    /// <summary>A customer (or group, field) id: a positive whole number or digit string; the error names <paramref name="column"/>.</summary>
    public static InputResult<long> PositiveId(object? value, string column)
    {
        var errors = new List<string>();
        var id = InputValues.PositiveId(column, value, errors);
        return id is { } valid ? InputResult<long>.Valid(valid) : InputResult<long>.Invalid(errors.FirstOrDefault() ?? $"Column '{column}' is missing.");
    }

    /// <summary>
    /// A five-character campaign id. Spreadsheets strip leading zeros (00001 → 1), so a number or digit string
    /// shorter than five characters is zero-padded; a five-character string of letters and digits is taken as is;
    /// anything else is refused.
    /// </summary>
    public static InputResult<string> CampaignId(object? value)
    {
        var text = value switch
        {
            null => null,
            int or long or short or byte or uint => Convert.ToString(value, CultureInfo.InvariantCulture),
            double d when d >= 0 && d == Math.Floor(d) && d < 100000 => ((long)d).ToString(CultureInfo.InvariantCulture),
            string s => s.Trim(),
            _ => null,
        };

        if (string.IsNullOrEmpty(text))
        {
            return InputResult<string>.Invalid(value is null or string ? "The campaign id is missing." : $"A {value.GetType().Name} is not a campaign id.");
        }

        var given = text!;
        var id = given.Length < CampaignIdLength && given.All(IsAsciiDigit) ? given.PadLeft(CampaignIdLength, '0') : given;
        if (id.All(c => c == '0'))
        {
            // Like every other id, a campaign number starts at 1: 0 is a spreadsheet's empty cell, not campaign 00000.
            return InputResult<string>.Invalid($"'{given}' is not a campaign id: campaign numbers start at 00001.");
        }

        // ASCII only: char.IsDigit also takes other scripts' digits ('٣'), which no URL of the API's examples holds.
        return id.Length == CampaignIdLength && id.All(c => IsAsciiDigit(c) || c is >= 'A' and <= 'Z' or >= 'a' and <= 'z')
            ? InputResult<string>.Valid(id)
            : InputResult<string>.Invalid($"'{id}' is not a five-character campaign id (e.g. 00001; shorter numbers are zero-padded).");
    }

    private static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';

    /// <summary>The columns a customer id is read from, in order of preference.</summary>
    public static readonly IReadOnlyList<string> CustomerIdColumns = ["customer_id", "id"];

    /// <summary>The columns a campaign id is read from, in order of preference.</summary>
    public static readonly IReadOnlyList<string> CampaignIdColumns = ["campaign_id", "id"];

    /// <summary>The customer id of an item: the value itself, or a row's customer_id (CustomerId) or Id column.</summary>
    public static InputResult<long> CustomerId(InputItem item)
    {
        var found = Locate(item, "customer id", CustomerIdColumns);
        return found.IsValid ? PositiveId(found.Value.Value, found.Value.Column) : InputResult<long>.Invalid(found.Error!);
    }

    /// <summary>The campaign id of an item: the value itself, or a row's campaign_id (CampaignId) or Id column.</summary>
    public static InputResult<string> CampaignId(InputItem item)
    {
        var found = Locate(item, "campaign id", CampaignIdColumns);
        return found.IsValid ? CampaignId(found.Value.Value) : InputResult<string>.Invalid(found.Error!);
    }

    /// <summary>
    /// A value that a parameter can give for every item and a row can give for itself (e.g. -CampaignId and a
    /// campaign_id column). A row without the column (or with it blank) takes the parameter's value; a row that
    /// names a different one is refused, because silently sending it elsewhere — the parameter winning — or
    /// silently ignoring the parameter could both delete or change the wrong thing.
    /// </summary>
    /// <param name="item">The input item.</param>
    /// <param name="column">The row's column (snake_case, as the API names it).</param>
    /// <param name="parameterName">The parameter, as the user typed it (e.g. "-CampaignId").</param>
    /// <param name="parameterValue">The parameter's value, or null when not given.</param>
    /// <param name="parse">Reads one raw value; its error names no column or parameter, as this method prefixes the one the value came from.</param>
    public static InputResult<T> FromRowOrParameter<T>(InputItem item, string column, string parameterName, object? parameterValue, Func<object?, InputResult<T>> parse)
    {
        if (item is null) throw new ArgumentNullException(nameof(item));
        if (parse is null) throw new ArgumentNullException(nameof(parse));
        var fromParameter = parameterValue is null ? null : parse(parameterValue);
        if (fromParameter is { IsValid: false })
        {
            return InputResult<T>.Invalid($"{parameterName}: {fromParameter.Error}");
        }

        if (!item.TryGetColumn([column], out var columnName, out var raw) || InputValues.IsBlank(raw))
        {
            return fromParameter ?? InputResult<T>.Invalid($"The {Words(column)} is missing: give {parameterName}, or a {column} column.");
        }

        var fromRow = parse(raw);
        if (!fromRow.IsValid)
        {
            return InputResult<T>.Invalid($"Column '{columnName}': {fromRow.Error}");
        }

        if (fromParameter is not null && !Equals(fromParameter.Value, fromRow.Value))
        {
            return InputResult<T>.Invalid(
                $"The row names {Words(column)} {fromRow.Value} but {parameterName} is {fromParameter.Value}; nothing was sent for it. Remove {parameterName} to use each row's own {column}, or correct the row.");
        }

        return fromRow;
    }

    /// <summary>
    /// Where an item's id is: the value itself, or the first of <paramref name="columns"/> a row has. A missing
    /// column and an empty one are told apart, naming what the row has, so a wrong header is easy to spot.
    /// </summary>
    private static InputResult<(string Column, object? Value)> Locate(InputItem item, string what, IReadOnlyList<string> columns)
    {
        if (item is null) throw new ArgumentNullException(nameof(item));
        if (item.Problems.Count > 0)
        {
            return InputResult<(string, object?)>.Invalid(string.Join(" ", item.Problems));
        }

        if (!item.IsRow)
        {
            return InputResult<(string, object?)>.Valid((columns[0], item.Value));
        }

        if (!item.TryGetColumn(columns, out var column, out var value))
        {
            return InputResult<(string, object?)>.Invalid(
                $"No {what}: the item has no {string.Join(" or ", columns)} column or property (it has: {item.ColumnList}).");
        }

        if (InputValues.IsBlank(value))
        {
            var hint = what == "customer id" ? " (the result of a create that did not succeed has no CustomerId)" : "";
            return InputResult<(string, object?)>.Invalid($"The {what} is empty: column '{column}' has no value{hint}.");
        }

        return InputResult<(string, object?)>.Valid((column, value));
    }

    private static string Words(string column) => column.Replace('_', ' ');
}
