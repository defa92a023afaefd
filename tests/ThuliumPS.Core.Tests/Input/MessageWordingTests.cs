using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Input;
using ThuliumPS.Core.Outcomes;
using Xunit;

namespace ThuliumPS.Core.Tests.Input;

/// <summary>Messages admins read: sentences start with a capital, counts take the right number.</summary>
public sealed class MessageWordingTests
{
    [Theory]
    [InlineData(null, "Nothing (null) is not a customer")]
    [InlineData("JustAString", "The String 'JustAString' is not a customer")]
    public void A_refused_single_value_starts_its_sentence_with_a_capital(string? value, string start)
    {
        Assert.StartsWith(start, new CustomerInputMapper(NullEngineLog.Instance).Map(InputItem.Single(value)).Error, StringComparison.Ordinal);
        Assert.StartsWith(start.Replace("customer", "field group item", StringComparison.Ordinal), new FieldGroupItemInputMapper(NullEngineLog.Instance).Map(InputItem.Single(value), 2).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0 entries")]
    [InlineData(1, "1 entry")]
    [InlineData(2, "2 entries")]
    public void Plural_gives_the_noun_in_the_number_of_the_count(long count, string expected)
    {
        Assert.Equal(expected, Plural.Count(count, "entry", "entries"));
    }

    [Theory]
    [InlineData(FailureReason.Unauthorized, 401, "Unauthorized")]
    [InlineData(FailureReason.Forbidden, 403, "Forbidden")]
    public void An_item_refused_by_authentication_has_a_status_word_and_its_attempts(FailureReason reason, int status, string word)
    {
        var outcome = OutcomeFactory.Refused(3, reason, status, 1, "refused", "r1");

        Assert.Equal(word, outcome.Status);
        Assert.Equal(status, outcome.HttpStatus);
        Assert.Equal(1, outcome.Attempts);
        Assert.Equal(OutcomeKind.Failed, outcome.Kind);
    }
}
