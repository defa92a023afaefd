using System.Net;
using ThuliumPS.Core.Connection;
using ThuliumPS.Sandbox;
using ThuliumPS.Sandbox.Faults;

namespace ThuliumPS.Core.Tests.Engine;

/// <summary>Shared set-up for the engine's sandbox tests: fast retries, plain http allowed for loopback.</summary>
internal static class EngineSandbox
{
    public static ThuliumConnectionSettings Settings(SandboxServer sandbox, Func<ThuliumConnectionSettings, ThuliumConnectionSettings>? adjust = null, string password = "api_pass")
    {
        var settings = ThuliumConnectionSettings.ForBaseUri(sandbox.ApiUri, new NetworkCredential("api_user", password)) with
        {
            AllowUnencryptedAuthentication = true,
            RetryInterval = TimeSpan.FromMilliseconds(10),
            MaximumRetryWait = TimeSpan.FromSeconds(10),
            Timeout = TimeSpan.FromSeconds(10),
        };
        return adjust is null ? settings : adjust(settings);
    }

    public static Task FaultsAsync(SandboxServer sandbox, params FaultRule[] rules) => sandbox.Control.SetFaultsAsync(rules);

    public static Task<SandboxServer> StartAsync(bool demo = true) => SandboxServer.StartAsync(new SandboxOptions { Demo = demo });
}
