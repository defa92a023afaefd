using System;
using System.Collections;
using System.Management.Automation;
using System.Threading;
using ThuliumPS.Connection;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Connection;
using ThuliumPS.Core.Http;
using ThuliumPS.Errors;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Endpoints;

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
            ThrowTerminatingError(ErrorRecords.Terminating(error, ErrorIds.InvalidConnection, ErrorCategory.InvalidArgument, Target));
            return;
        }

        var log = new EngineMessageQueue();
        try
        {
            // Blocking is right here: only the pipeline thread may write, and the call honours Ctrl+C via the token.
            CredentialCheck.ValidateAsync(connection.Client, log, stopping.Token).GetAwaiter().GetResult();
        }
        catch (ThuliumAuthenticationException error)
        {
            // A connection that failed its check was never handed to anyone, so closing it here is safe.
            connection.Client.Dispose();
            ThrowTerminatingError(ErrorRecords.ForAuthentication(error, settings.BaseUri));
        }
        catch (ThuliumRequestException error)
        {
            connection.Client.Dispose();
            ThrowTerminatingError(ErrorRecords.Terminating(error, ErrorIds.Transport, ErrorCategory.ConnectionError, settings.BaseUri));
        }
        catch (OperationCanceledException)
        {
            connection.Client.Dispose();
            return;
        }
        finally
        {
            while (log.TryTake(out var message))
            {
                WriteVerbose(message.Text);
            }
        }

        // Only the default changes: the connection it replaces stays usable by whoever holds it.
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
        try
        {
            // -Credential wins; otherwise THULIUM_API_USER/THULIUM_API_PASSWORD, read where the bulk cmdlets read them.
            var credential = Credential?.GetNetworkCredential();
            ThuliumConnectionSettings settings;
            switch (ParameterSetName)
            {
                case ParameterSetNames.BaseUri:
                    settings = ThuliumConnectionSettings.ForBaseUri(BaseUri!, credential ?? EnvironmentConnection.ReadCredential(Environment.GetEnvironmentVariable));
                    break;
                case ParameterSetNames.Instance:
                    settings = ThuliumConnectionSettings.ForInstance(Instance!, credential ?? EnvironmentConnection.ReadCredential(Environment.GetEnvironmentVariable));
                    break;
                default:
                    settings = EnvironmentConnection.Read(Environment.GetEnvironmentVariable, credential);
                    break;
            }

            return settings with
            {
                // The switch, when given (even as :$false), overrides THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION, which
                // otherwise applies to -BaseUri as it does to a target from the environment (the help says so).
                AllowUnencryptedAuthentication = MyInvocation.BoundParameters.ContainsKey(nameof(AllowUnencryptedAuthentication))
                    ? AllowUnencryptedAuthentication.IsPresent
                    : settings.AllowUnencryptedAuthentication || EnvironmentConnection.ReadAllowUnencrypted(Environment.GetEnvironmentVariable),
                SkipCertificateCheck = SkipCertificateCheck,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                MaximumRetryCount = MaximumRetryCount,
                RetryInterval = TimeSpan.FromSeconds(RetryIntervalSec),
                MaximumRetryWait = TimeSpan.FromSeconds(MaximumRetryWaitSec),
                UserAgentFragment = UserAgentFragment(this),
            };
        }
        catch (InvalidConnectionSettingException error)
        {
            // .NET's "(Parameter 'baseUri')" means nothing to an admin: name what they set instead.
            var named = new ArgumentException(Source(error) + ": " + error.Reason, error);
            ThrowTerminatingError(ErrorRecords.Terminating(named, ErrorIds.InvalidConnection, ErrorCategory.InvalidArgument, Target));
            throw; // not reached: ThrowTerminatingError always throws
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            ThrowTerminatingError(ErrorRecords.Terminating(error, ErrorIds.InvalidConnection, ErrorCategory.InvalidArgument, Target));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }

    /// <summary>
    /// The error record's target: the -BaseUri or -Instance given, without user information, so that a password
    /// typed into the URI reaches neither $Error's TargetObject nor its CategoryInfo (nor a transcript).
    /// </summary>
    private object? Target
    {
        get
        {
            if (BaseUri is { } uri)
            {
                var text = UriText.WithoutUserInfo(uri);
                return text == uri.OriginalString ? uri : Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out var redacted) ? redacted : text;
            }

            return Instance is null ? null : UriText.WithoutUserInfo(Instance);
        }
    }

    /// <summary>Where the refused setting came from, as the admin knows it: a parameter, or THULIUM_API_USER.</summary>
    private string Source(InvalidConnectionSettingException error)
    {
        if (error.IsAboutCredential)
        {
            return Credential is null ? EnvironmentConnection.UserVariable : "-" + nameof(Credential);
        }

        return "-" + (ParameterSetName == ParameterSetNames.BaseUri ? nameof(BaseUri) : nameof(Instance));
    }
}
