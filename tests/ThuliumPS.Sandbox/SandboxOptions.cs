using System.Globalization;

namespace ThuliumPS.Sandbox;

/// <summary>The sandbox's options (shared/sandbox.md): the same from the command line and in-process.</summary>
public sealed class SandboxOptions
{
    /// <summary>Where the sandbox listens when no <c>--urls</c> is given.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5151";

    /// <summary>The one API user accepted (HTTP Basic).</summary>
    public string User { get; set; } = "api_user";

    /// <summary>That user's password.</summary>
    public string Password { get; set; } = "api_pass";

    /// <summary>Milliseconds added before answering every <c>/api/</c> request (a WAN round trip).</summary>
    public int LatencyMs { get; set; }

    /// <summary>More items than this in one batch request → 400 with the error body.</summary>
    public int MaxBatch { get; set; } = 1000;

    /// <summary>A longer request target (path + query) → 414.</summary>
    public int MaxUrlLength { get; set; } = 8192;

    /// <summary>
    /// At most this many <c>/api/</c> requests per second (a token bucket whose burst is the rate); a request over
    /// it gets 429 with Retry-After. 0 (the default) turns the limit off.
    /// </summary>
    public int RateLimit { get; set; }

    /// <summary>
    /// At most this many <c>/api/</c> requests in progress at once; one more gets 503 with Retry-After: 1.
    /// 0 (the default) turns the limit off.
    /// </summary>
    public int MaxConcurrent { get; set; }

    /// <summary>Start with the documentation's example data.</summary>
    public bool Demo { get; set; }

    /// <summary>
    /// Reads the sandbox's own options from the command line; everything else (e.g. Kestrel's <c>--urls</c>) is
    /// left to ASP.NET Core. <c>--demo</c> works as a bare flag or with true/false.
    /// </summary>
    public static SandboxOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new SandboxOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"Option '{args[i]}' needs a value.");
            int Number() => int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture);

            switch (args[i].ToLowerInvariant())
            {
                case "--user": options.User = Value(); break;
                case "--password": options.Password = Value(); break;
                case "--latency-ms": options.LatencyMs = Number(); break;
                case "--max-batch": options.MaxBatch = Number(); break;
                case "--max-url-length": options.MaxUrlLength = Number(); break;
                case "--rate-limit": options.RateLimit = Number(); break;
                case "--max-concurrent": options.MaxConcurrent = Number(); break;
                case "--demo":
                    options.Demo = i + 1 >= args.Count || !bool.TryParse(args[i + 1], out var demo) || demo;
                    if (i + 1 < args.Count && bool.TryParse(args[i + 1], out _)) i++;
                    break;
            }
        }

        return options;
    }
}
