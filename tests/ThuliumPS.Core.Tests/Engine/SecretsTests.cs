using System.Net;
using System.Text;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Connection;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Models;
using ThuliumPS.Sandbox;
using ThuliumPS.Sandbox.Faults;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Client;

namespace ThuliumPS.Core.Tests.Engine;

/// <summary>
/// The password and the Authorization header value never reach a log line, an outcome, an exception or a
/// ToString() — checked across successes, retries, failures and a 401, against the sandbox.
/// </summary>
public sealed class SecretsTests
{
    private const string User = "api_user";
    private const string Password = "Zx9!secret-PASS-42";

    private static readonly string[] Secrets =
    [
        Password,
        Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + Password)),
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Password)),
    ];

    [Fact]
    public async Task No_secret_appears_in_any_text_the_engine_produces()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Password = Password, Demo = true });
        var texts = new List<string>();
        var settings = EngineSandbox.Settings(sandbox, password: Password);
        texts.Add(settings.ToString());
        using var client = new ThuliumClient(settings);
        texts.Add(client.ToString());

        await sandbox.Control.SetFaultsAsync(
        [
            new FaultRule { Method = "POST", Status = 503, RetryAfter = "0" },
            new FaultRule { Method = "DELETE", Drop = "after" },
            new FaultRule { Method = "POST", Path = "/api/customer_field_group_items", Status = 500, Body = "{\"request_id\":\"x\",\"errors\":[{\"message\":\"boom\",\"code\":1}]}" },
        ]);
        texts.AddRange(Run(log => new CreateCustomersEndpoint(client, log), [new CustomerDraft { Surname = "A" }, new CustomerDraft { Surname = "B", PhoneNumber = ["x"] }]));
        texts.AddRange(Run(log => new DeleteCustomersEndpoint(client, log), [441L, 999L]));
        texts.AddRange(Run(log => new AddFieldGroupItemEndpoint(client, log), [new FieldGroupItemDraft(2, 442, [new FieldValue(8, "1")])]));

        // A wrong password: the 401 exception must not echo what was sent either.
        using var wrong = new ThuliumClient(ThuliumConnectionSettings.ForBaseUri(sandbox.ApiUri, new NetworkCredential(User, Password + "-wrong")) with { AllowUnencryptedAuthentication = true });
        var refused = await Assert.ThrowsAsync<ThuliumAuthenticationException>(() => CredentialCheck.ValidateAsync(wrong, null, CancellationToken.None));
        texts.Add(refused.ToString());
        texts.Add(wrong.ToString());

        Assert.Contains(texts, t => t.Contains("retrying", StringComparison.Ordinal)); // retries were logged
        Assert.Contains(texts, t => t.Contains("Phone number must be numeric.", StringComparison.Ordinal));
        Assert.True(texts.Count > 10, "the scenario produced text to search");
        foreach (var secret in Secrets.Append(Password + "-wrong"))
        {
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static List<string> Run<T>(Func<EngineMessageQueue, IBatchEndpoint<T>> endpoint, T[] items)
    {
        var log = new EngineMessageQueue();
        using var runner = new BulkRunner<T>(endpoint(log), new BulkOptions(), log, CancellationToken.None);
        foreach (var item in items)
        {
            runner.Enqueue(item);
        }

        return runner.Complete()
            .Select(e => e.Message is { } m ? m.Text : string.Join("|", e.Outcome!.Status, e.Outcome.Message, e.Outcome.RequestId, e.Outcome.ToString()))
            .ToList();
    }
}
