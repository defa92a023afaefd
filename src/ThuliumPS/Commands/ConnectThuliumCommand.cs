using System;
using System.Management.Automation;
using ThuliumPS.Connection;

namespace ThuliumPS.Commands;

/// <summary>
/// <para type="synopsis">Connects to a Thulium instance and makes it this runspace's default for ThuliumPS commands.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "Thulium", DefaultParameterSetName = EnvironmentParameterSet)]
[OutputType(typeof(ThuliumConnection))]
public sealed partial class ConnectThuliumCommand : PSCmdlet
{
    /// <summary>
    /// The parameter set without -Instance or -BaseUri: the target (and, without -Credential, the API user) come
    /// from the THULIUM_* environment variables, as for the bulk cmdlets without a connection.
    /// </summary>
    internal const string EnvironmentParameterSet = "Environment";

    /// <summary>The instance name: <c>acme</c> for https://acme.thulium.com/api/.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSetNames.Instance)]
    [ValidateNotNullOrEmpty]
    [InstanceNameTransformation]
    public string? Instance { get; set; }

    /// <summary>The API's base URI, e.g. https://acme.thulium.com/api/ or a sandbox's http://127.0.0.1:5151/api/.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSetNames.BaseUri)]
    [ValidateNotNull]
    [UriTransformation]
    public Uri? BaseUri { get; set; }

    /// <summary>The API user and password; defaults to THULIUM_API_USER / THULIUM_API_PASSWORD.</summary>
    /// <remarks>
    /// Positional after the target (<c>Connect-Thulium acme $cred</c>, <c>Connect-Thulium -BaseUri $uri $cred</c>),
    /// named only where the target comes from the environment: there a credential given first cannot be told from
    /// an instance name. PowerShell offers a first positional argument to every set's parameters at that position
    /// and [Credential] turns any text into a password prompt, so <c>Connect-Thulium acme</c> would ask for the
    /// password of a user "acme". A credential given first is refused by -Instance instead, saying to name it.
    /// </remarks>
    [Parameter(Position = 1, ParameterSetName = ParameterSetNames.Instance)]
    [Parameter(Position = 1, ParameterSetName = ParameterSetNames.BaseUri)]
    [Parameter(ParameterSetName = EnvironmentParameterSet)]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>Allows a plain http:// base URI (the credentials then travel unencrypted); overrides THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION.</summary>
    [Parameter]
    public SwitchParameter AllowUnencryptedAuthentication { get; set; }

    /// <summary>Skips the server certificate check (writes a warning).</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>Seconds one HTTP attempt may take.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = 100;

    /// <summary>How many times a failed request is retried (where retrying is safe).</summary>
    [Parameter]
    [ValidateRange(0, 20)]
    public int MaximumRetryCount { get; set; } = 5;

    /// <summary>Base of the exponential backoff between retries, in seconds.</summary>
    [Parameter]
    [ValidateRange(0, 600)]
    public double RetryIntervalSec { get; set; } = 1;

    /// <summary>The longest single wait between retries, in seconds; a server asking for longer fails the items instead.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public double MaximumRetryWaitSec { get; set; } = 60;

    /// <summary>Writes the connection object.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }
}
