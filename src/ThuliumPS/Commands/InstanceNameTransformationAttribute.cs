using System;
using System.Management.Automation;

namespace ThuliumPS.Commands;

/// <summary>
/// Refuses a credential given to -Instance. PowerShell would turn it into the text
/// "System.Management.Automation.PSCredential", and <c>Connect-Thulium $cred</c> (the credential first, the target
/// from THULIUM_INSTANCE or THULIUM_BASE_URI) then failed with "No API user", as if no credential had been given.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class InstanceNameTransformationAttribute : ArgumentTransformationAttribute
{
    /// <summary>What to do instead, in the refusal.</summary>
    internal const string Advice =
        "-Instance takes an instance name, not a credential. Give the instance first (Connect-Thulium acme $credential), " +
        "or name the credential (Connect-Thulium -Credential $credential) to connect to THULIUM_INSTANCE or THULIUM_BASE_URI.";

    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        (inputData is PSObject wrapped ? wrapped.BaseObject : inputData) is PSCredential
            ? throw new ArgumentTransformationMetadataException(Advice)
            : inputData;
}
