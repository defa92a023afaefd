using System.Net.Http.Json;
using ThuliumPS.Sandbox.Faults;
using ThuliumPS.Sandbox.State;

namespace ThuliumPS.Sandbox.Control;

/// <summary>A typed client of the <c>/_sandbox/</c> control API, over real HTTP.</summary>
public sealed class SandboxControlClient : IDisposable
{
    private readonly HttpClient http;

    /// <summary>Creates a client of the sandbox at <paramref name="baseUri"/> (the server root).</summary>
    public SandboxControlClient(Uri baseUri) => http = new HttpClient { BaseAddress = baseUri };

    /// <summary>Empties the state and clears the fault rules.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default) =>
        (await http.PostAsync(new Uri("_sandbox/reset", UriKind.Relative), null, cancellationToken).ConfigureAwait(false)).EnsureSuccessStatusCode();

    /// <summary>Everything the sandbox holds, including the log of <c>/api/</c> requests.</summary>
    public async Task<SandboxState> GetStateAsync(CancellationToken cancellationToken = default) =>
        (await http.GetFromJsonAsync<SandboxState>(new Uri("_sandbox/state", UriKind.Relative), cancellationToken).ConfigureAwait(false))!;

    /// <summary>Adds customers, campaigns and field groups (ids given are kept).</summary>
    public async Task SeedAsync(SandboxState seed, CancellationToken cancellationToken = default) =>
        (await http.PostAsJsonAsync(new Uri("_sandbox/seed", UriKind.Relative), seed, cancellationToken).ConfigureAwait(false)).EnsureSuccessStatusCode();

    /// <summary>Replaces the fault rules.</summary>
    public async Task SetFaultsAsync(IEnumerable<FaultRule> rules, CancellationToken cancellationToken = default) =>
        (await http.PostAsJsonAsync(new Uri("_sandbox/faults", UriKind.Relative), rules, cancellationToken).ConfigureAwait(false)).EnsureSuccessStatusCode();

    /// <summary>Removes every fault rule.</summary>
    public async Task ClearFaultsAsync(CancellationToken cancellationToken = default) =>
        (await http.DeleteAsync(new Uri("_sandbox/faults", UriKind.Relative), cancellationToken).ConfigureAwait(false)).EnsureSuccessStatusCode();

    /// <inheritdoc />
    public void Dispose() => http.Dispose();
}
