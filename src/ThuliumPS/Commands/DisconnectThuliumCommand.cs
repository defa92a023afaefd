using System.Management.Automation;
using ThuliumPS.Connection;

namespace ThuliumPS.Commands;

/// <summary>
/// <para type="synopsis">Forgets the default Thulium connection and releases its HTTP resources.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "Thulium")]
[OutputType(typeof(void))]
public sealed partial class DisconnectThuliumCommand : PSCmdlet
{
    /// <summary>Forgets the default connection.</summary>
    protected override void EndProcessing() => ConnectionStore.Replace(null);
}
