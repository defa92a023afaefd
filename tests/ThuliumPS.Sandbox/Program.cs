using ThuliumPS.Sandbox;

// dotnet run --project tests/ThuliumPS.Sandbox -c Release -- --urls http://127.0.0.1:5151 [--demo] [--latency-ms N] …
var options = SandboxOptions.Parse(args);
var app = SandboxApp.Build(options, args);
await app.StartAsync().ConfigureAwait(false);
foreach (var url in app.Urls)
{
    // Never the password: only where to reach the sandbox and as whom.
    Console.WriteLine($"Thulium sandbox listening on {url} (API user '{options.User}'{(options.Demo ? ", demo data" : "")}). Ctrl+C stops it.");
}

await app.WaitForShutdownAsync().ConfigureAwait(false);
