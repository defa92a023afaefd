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

    /// <summary>A customer (or group, field) id: a positive whole number or digit string.</summary>
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

        if (text!.Length < CampaignIdLength && text.All(char.IsDigit))
        {
            text = text.PadLeft(CampaignIdLength, '0');
        }

        return text.Length == CampaignIdLength && text.All(char.IsLetterOrDigit)
            ? InputResult<string>.Valid(text)
            : InputResult<string>.Invalid($"'{text}' is not a five-character campaign id (e.g. 00001; shorter numbers are zero-padded).");
    }
}
