using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Resilience;
using ThuliumPS.Core.Tests.Support;

namespace ThuliumPS.Core.Tests.Resilience;

/// <summary>The connection's pace on a clock the test moves: when it starts limiting, how far it cuts, how it grows back, what it says.</summary>
public sealed class AdaptiveSendRateTests
{
    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(double seconds) => ticks += (long)(seconds * TimeSpan.TicksPerSecond);
    }

    private readonly ManualClock clock = new();
    private readonly EngineMessageQueue log = new();

    private List<string> Lines() => log.TakeAll();

    // n answers spread evenly over one second.
    private void Answer(AdaptiveSendRate pace, int status, int count, double seconds = 1.0)
    {
        for (var i = 0; i < count; i++)
        {
            clock.Advance(seconds / count);
            pace.OnAnswer(status, null, TimeSpan.FromSeconds(clock.GetElapsedTime(0).TotalSeconds), log);
        }
    }

    [Fact]
    public async Task Nothing_is_limited_or_said_until_the_server_first_throttles()
    {
        var pace = new AdaptiveSendRate(clock);
        Answer(pace, 200, 500);

        Assert.Null(pace.RequestsPerSecond);
        Assert.Empty(Lines());
        var turn = await pace.WaitTurnAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(1));
        Assert.True(turn >= TimeSpan.Zero);
    }

    [Fact]
    public void A_throttle_cuts_to_90_percent_of_what_the_server_accepted_in_the_last_second_and_says_so_once()
    {
        var pace = new AdaptiveSendRate(clock);
        Answer(pace, 200, 20);
        pace.OnAnswer(429, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(clock.GetElapsedTime(0).TotalSeconds), log);

        Assert.Equal(18, pace.RequestsPerSecond!.Value, precision: 1);
        var line = Assert.Single(Lines());
        Assert.Contains("HTTP 429, Retry-After 1 s", line, StringComparison.Ordinal);
        Assert.Contains("all its requests pause for 1 s", line, StringComparison.Ordinal);
        Assert.Contains("at most 18 requests/s", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Throttled_answers_to_requests_sent_before_the_cut_do_not_cut_again()
    {
        var pace = new AdaptiveSendRate(clock);
        Answer(pace, 200, 20);
        var sentBefore = TimeSpan.FromSeconds(clock.GetElapsedTime(0).TotalSeconds);
        clock.Advance(0.01);
        pace.OnAnswer(429, TimeSpan.FromSeconds(1), sentBefore, log);
        var afterFirstCut = pace.RequestsPerSecond;

        // Three more requests of the same burst come back throttled.
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(0.01);
            pace.OnAnswer(429, TimeSpan.FromSeconds(1), sentBefore, log);
        }

        Assert.Equal(afterFirstCut, pace.RequestsPerSecond);
        Assert.Single(Lines());
    }

    [Fact]
    public void Successes_grow_the_rate_back_past_the_old_limit_with_a_line_per_real_change_not_per_request()
    {
        var pace = new AdaptiveSendRate(clock);
        Answer(pace, 200, 20);
        pace.OnAnswer(503, null, TimeSpan.FromSeconds(clock.GetElapsedTime(0).TotalSeconds), log);
        var cut = pace.RequestsPerSecond!.Value;
        Lines();

        // Twelve seconds of steady successes at 20 a second: 240 answers.
        Answer(pace, 200, 240, seconds: 12);

        Assert.True(pace.RequestsPerSecond > 20, $"rate {pace.RequestsPerSecond} should have grown past the old limit from {cut}");
        var raises = Lines();
        Assert.InRange(raises.Count, 1, 4);
        Assert.All(raises, l => Assert.StartsWith("No throttling for", l, StringComparison.Ordinal));
    }

    [Fact]
    public void A_cut_after_raises_too_small_to_report_says_from_which_reported_rate_the_rate_had_risen()
    {
        var pace = new AdaptiveSendRate(clock);
        Answer(pace, 200, 20);
        pace.OnAnswer(429, null, TimeSpan.FromSeconds(clock.GetElapsedTime(0).TotalSeconds), log);
        Assert.Contains("at most 18 requests/s (it was not limited before)", Assert.Single(Lines()), StringComparison.Ordinal);

        // Two seconds of successes: the rate grows, but by less than a reported raise.
        Answer(pace, 200, 36, seconds: 2);
        Assert.Empty(Lines());
        var risen = pace.RequestsPerSecond!.Value;
        Assert.True(risen > 18.05 && risen < 18 * 1.25, $"rate {risen} should have grown a little");

        clock.Advance(0.01);
        pace.OnAnswer(429, null, TimeSpan.FromSeconds(clock.GetElapsedTime(0).TotalSeconds), log);
        var cut = Assert.Single(Lines());
        var was = risen.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        Assert.EndsWith($"(was {was}; it had risen from 18 since the last report).", cut, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_right_after_a_reported_rate_names_only_that_rate()
    {
        var pace = new AdaptiveSendRate(clock);
        Answer(pace, 200, 20);
        pace.OnAnswer(429, null, TimeSpan.FromSeconds(clock.GetElapsedTime(0).TotalSeconds), log);
        var first = Assert.Single(Lines());
        var reported = pace.RequestsPerSecond!.Value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"at most {reported} requests/s", first, StringComparison.Ordinal);

        // Throttled again at once, by a request sent after the cut: the rate before this cut is the one last reported.
        clock.Advance(0.01);
        pace.OnAnswer(429, null, TimeSpan.FromSeconds(clock.GetElapsedTime(0).TotalSeconds), log);
        Assert.EndsWith($"(was {reported}).", Assert.Single(Lines()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_after_pauses_the_next_turn_of_every_sender()
    {
        var pace = new AdaptiveSendRate(TimeProvider.System);
        pace.OnAnswer(429, TimeSpan.FromSeconds(1), TimeSpan.Zero, log);

        var started = DateTime.UtcNow;
        await Task.WhenAll(pace.WaitTurnAsync(CancellationToken.None), pace.WaitTurnAsync(CancellationToken.None));

        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9));
    }

    [Theory]
    [InlineData(30.0)]
    [InlineData(99999999999.0)] // about 3,000 years: its wait overflowed Task.Delay and broke the connection
    public async Task A_retry_after_above_the_longest_wait_allowed_pauses_the_connection_for_that_wait_only(double asked)
    {
        var pace = new AdaptiveSendRate(TimeProvider.System);
        pace.OnAnswer(429, TimeSpan.FromSeconds(asked), TimeSpan.Zero, log, longestPause: TimeSpan.FromSeconds(1));

        var started = DateTime.UtcNow;
        await pace.WaitTurnAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.InRange((DateTime.UtcNow - started).TotalSeconds, 0.9, 5);
        Assert.Contains("pause for 1 s (the longest wait allowed)", Assert.Single(Lines()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wait_for_a_turn_ends_at_once_on_cancellation()
    {
        var pace = new AdaptiveSendRate(TimeProvider.System);
        pace.OnAnswer(429, TimeSpan.FromSeconds(30), TimeSpan.Zero, log);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pace.WaitTurnAsync(cancel.Token));
    }
}
