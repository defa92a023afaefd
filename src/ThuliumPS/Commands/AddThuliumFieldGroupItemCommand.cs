using System.Management.Automation;
using ThuliumPS.Results;

namespace ThuliumPS.Commands;

/// <summary>
/// <para type="synopsis">Adds custom-field group items to customers (POST customer_field_group_items), several requests in flight.</para>
/// </summary>
[Cmdlet(VerbsCommon.Add, "ThuliumFieldGroupItem", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ParameterSetNames.Fields)]
[OutputType(typeof(FieldGroupItemCreationResult))]
public sealed partial class AddThuliumFieldGroupItemCommand : ThuliumBulkCommandBase
{
    /// <summary>A whole row: group_id, customer_id and field-value columns (see the help for the column convention).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ParameterSetNames.InputObject)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    /// <summary>The field group id; with -InputObject, the default for rows without a group_id column.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ParameterSetNames.Fields)]
    [Parameter(ParameterSetName = ParameterSetNames.InputObject)]
    [Alias("group_id")]
    public object? GroupId { get; set; }

    /// <summary>The customer id.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = ParameterSetNames.Fields)]
    [Alias("customer_id")]
    public object? CustomerId { get; set; }

    /// <summary>The values: a hashtable field id → value, or objects with field_id and value.</summary>
    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true, ParameterSetName = ParameterSetNames.Fields)]
    [Alias("values")]
    public object? Value { get; set; }
}
