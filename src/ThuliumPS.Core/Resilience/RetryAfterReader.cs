using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace ThuliumPS.Core.Resilience;

/// <summary>Reads the wait a server asks for in <c>Retry-After</c>, given as seconds or as an HTTP date.</summary>
internal static class RetryAfterReader
{
    private const string HeaderName = "Retry-After";

    /// <summary>The requested wait (never negative), or null when the answer has no usable Retry-After.</summary>
    public static TimeSpan? Read(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        // The typed parser rejects fractional seconds ("1.5") and numbers too large for it; accept them rather than
        // ignore the server's wish. A wait beyond what a TimeSpan holds is the longest wait: above any cap, so the
        // item fails naming it instead of being retried as if the server had asked for nothing.
        if (response.Headers.TryGetValues(HeaderName, out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds >= 0)
        {
            return seconds < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.MaxValue;
        }

        return null;
    }

    /// <summary>A wait for messages: "1 s", "1.5 s", "2 min 5 s", "3 h 0 min".</summary>
    public static string Format(TimeSpan wait)
    {
        if (wait < TimeSpan.FromMinutes(1))
        {
            return wait.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) + " s";
        }

        if (wait < TimeSpan.FromHours(1))
        {
            return string.Format(CultureInfo.InvariantCulture, "{0} min {1} s", (int)wait.TotalMinutes, wait.Seconds);
        }

        return string.Format(CultureInfo.InvariantCulture, "{0} h {1} min", (long)wait.TotalHours, wait.Minutes);
    }
}
