using ThuliumPS.Core.Client;
using ThuliumPS.Core.Tests.Engine;

namespace ThuliumPS.Core.Tests.Support;

/// <summary>
/// A test class over one shared sandbox: the sandbox is reset before each test, and each test gets a fresh client of
/// it (default engine settings), disposed afterwards.
/// </summary>
public abstract class SandboxClientTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    /// <summary>The sandbox.</summary>
    protected SandboxFixture Sandbox => sandbox;

    /// <summary>The client of this test.</summary>
    protected ThuliumClient Client { get; private set; } = null!;

    /// <summary>Resets the sandbox and makes the client.</summary>
    public async Task InitializeAsync()
    {
        await sandbox.Server.Control.ResetAsync();
        Client = new ThuliumClient(EngineSandbox.Settings(sandbox.Server));
    }

    /// <summary>Disposes the client.</summary>
    public Task DisposeAsync()
    {
        Client.Dispose();
        return Task.CompletedTask;
    }
}
