using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ThuliumPS.Sandbox.Control;

namespace ThuliumPS.Sandbox;

/// <summary>A sandbox started in-process on a free loopback port, for tests.</summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private SandboxServer(WebApplication app, Uri baseUri)
    {
        this.app = app;
        BaseUri = baseUri;
        Control = new SandboxControlClient(baseUri);
    }

    /// <summary>The server root, e.g. http://127.0.0.1:54321/.</summary>
    public Uri BaseUri { get; }

    /// <summary>The API root: <see cref="BaseUri"/> + <c>api/</c>.</summary>
    public Uri ApiUri => new(BaseUri, "api/");

    /// <summary>A client of the <c>/_sandbox/</c> control API.</summary>
    public SandboxControlClient Control { get; }

    /// <summary>Starts a sandbox on http://127.0.0.1 with a free port.</summary>
    public static async Task<SandboxServer> StartAsync(SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        var app = SandboxApp.Build(options ?? new SandboxOptions(), [], "http://127.0.0.1:0");
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SandboxServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Stops the sandbox.</summary>
    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
