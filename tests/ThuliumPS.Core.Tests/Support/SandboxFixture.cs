using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ThuliumPS.Sandbox;

namespace ThuliumPS.Core.Tests.Support;

/// <summary>One in-process sandbox per test class (started on a free loopback port), reset before each test.</summary>
public class SandboxFixture : IAsyncLifetime
{
    public SandboxServer Server { get; private set; } = null!;

    protected virtual SandboxOptions Options => new();

    public async Task InitializeAsync() => Server = await SandboxServer.StartAsync(Options);

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A raw HTTP client of the sandbox's API with the given (default: right) credentials.</summary>
    public HttpClient ApiClient(string user = "api_user", string password = "api_pass") => ApiClientOf(Server, user, password);

    /// <summary>A raw HTTP client of <paramref name="server"/>'s API (a sandbox started by the test itself).</summary>
    public static HttpClient ApiClientOf(SandboxServer server, string user = "api_user", string password = "api_pass")
    {
        ArgumentNullException.ThrowIfNull(server);
        var client = new HttpClient { BaseAddress = server.ApiUri };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        return client;
    }
}

/// <summary>Small helpers for reading sandbox answers in tests.</summary>
internal static class SandboxHttp
{
    public static async Task<(int Status, JsonNode? Body)> SendAsync(HttpClient client, HttpMethod method, string target, object? body = null)
    {
        using var request = new HttpRequestMessage(method, target);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
