using System;
using System.Collections;
using System.Management.Automation;
using System.Net;
using System.Threading;
using ThuliumPS.Connection;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Connection;
using ThuliumPS.Core.Http;
using ThuliumPS.Errors;

namespace ThuliumPS.Commands;

/// <summary>Connect-Thulium: builds the settings, checks the credentials with one cheap read, stores the default.</summary>
public sealed partial class ConnectThuliumCommand : IDisposable
{
    private readonly CancellationTokenSource stopping = new();

    /// <summary>The User-Agent fragment naming the PowerShell that runs the module.</summary>
    internal static string UserAgentFragment(PSCmdlet cmdlet) =>
        "PowerShell/" + ((cmdlet.SessionState.PSVariable.GetValue("PSVersionTable") as Hashtable)?["PSVersion"]?.ToString() ?? "unknown");

    /// <summary>Connects.</summary>
    protected override void EndProcessing()
    {
        var settings = BuildSettings();
        if (SkipCertificateCheck)
        {
            WriteWarning("-SkipCertificateCheck: the server's certificate is not checked, so a man in the middle could read the API credentials.");
        }

        ThuliumConnection connection;
        try
        {
            connection = ThuliumConnection.Create(settings);
        }
        catch (InvalidOperationException error)
        {
            ThrowTerminatingError(ErrorRecords.Terminating(error, ErrorIds.InvalidConnection, ErrorCategory.InvalidArgument, BaseUri ?? (object?)Instance));
            return;
        }

        var log = new EngineMessageQueue();
        try
        {
            // Blocking is right here: only the pipeline thread may write, and the call honours Ctrl+C via the token.
            connection.Client.ValidateCredentialsAsync(log, stopping.Token).GetAwaiter().GetResult();
        }
        catch (ThuliumAuthenticationException error)
        {
            connection.Dispose();
            var forbidden = error.Reason == Core.Bulk.FailureReason.Forbidden;
            ThrowTerminatingError(ErrorRecords.Terminating(error, forbidden ? ErrorIds.PermissionDenied : ErrorIds.AuthenticationFailed, forbidden ? ErrorCategory.PermissionDenied : ErrorCategory.AuthenticationError, settings.BaseUri));
        }
        catch (ThuliumRequestException error)
        {
            connection.Dispose();
            ThrowTerminatingError(ErrorRecords.Terminating(error, ErrorIds.Transport, ErrorCategory.ConnectionError, settings.BaseUri));
        }
        catch (OperationCanceledException)
        {
            connection.Dispose();
            return;
        }
        finally
        {
            while (log.TryTake(out var message))
            {
                WriteVerbose(message.Text);
            }
        }

        ConnectionStore.Replace(connection);
        if (PassThru)
        {
            WriteObject(connection);
        }
    }

    /// <summary>Cancels the credential check (Ctrl+C).</summary>
    protected override void StopProcessing() => stopping.Cancel();

    /// <summary>Releases the cancellation source.</summary>
    public void Dispose() => stopping.Dispose();

    private ThuliumConnectionSettings BuildSettings()
    {
        NetworkCredential credential;
        if (Credential is not null)
        {
            credential = Credential.GetNetworkCredential();
        }
        else
        {
            var user = Environment.GetEnvironmentVariable(EnvironmentConnection.UserVariable);
            var password = Environment.GetEnvironmentVariable(EnvironmentConnection.PasswordVariable);
            if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password))
            {
                ThrowTerminatingError(ErrorRecords.Terminating(
                    new ArgumentException($"Give -Credential, or set {EnvironmentConnection.UserVariable} and {EnvironmentConnection.PasswordVariable}."),
                    ErrorIds.InvalidConnection, ErrorCategory.InvalidArgument));
            }

            credential = new NetworkCredential(user, password);
        }

        try
        {
            var settings = ParameterSetName == ParameterSetNames.BaseUri
                ? ThuliumConnectionSettings.ForBaseUri(BaseUri!, credential)
                : ThuliumConnectionSettings.ForInstance(Instance!, credential);
            return settings with
            {
                AllowUnencryptedAuthentication = AllowUnencryptedAuthentication,
                SkipCertificateCheck = SkipCertificateCheck,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                MaximumRetryCount = MaximumRetryCount,
                RetryInterval = TimeSpan.FromSeconds(RetryIntervalSec),
                MaximumRetryWait = TimeSpan.FromSeconds(MaximumRetryWaitSec),
                UserAgentFragment = UserAgentFragment(this),
            };
        }
        catch (ArgumentException error)
        {
            ThrowTerminatingError(ErrorRecords.Terminating(error, ErrorIds.InvalidConnection, ErrorCategory.InvalidArgument, BaseUri ?? (object?)Instance));
            throw; // not reached
        }
    }
}
