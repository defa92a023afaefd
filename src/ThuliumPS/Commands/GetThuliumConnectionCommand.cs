using System.Management.Automation;
using ThuliumPS.Connection;

namespace ThuliumPS.Commands;

/// <summary>
/// <para type="synopsis">Gets the default Thulium connection (base URI, user and options — never the password).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "ThuliumConnection")]
[OutputType(typeof(ThuliumConnection))]
public sealed partial class GetThuliumConnectionCommand : PSCmdlet
{
    /// <summary>Writes the default connection, if there is one.</summary>
    protected override void EndProcessing()
    {
        if (ConnectionStore.Current is { } connection)
        {
            WriteObject(connection);
        }
    }
}
