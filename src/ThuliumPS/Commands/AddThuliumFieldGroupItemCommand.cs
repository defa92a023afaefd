using System.Management.Automation;
using System.Linq;
using ThuliumPS.Core.Models;
using ThuliumPS.Core.Input;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Results;

namespace ThuliumPS.Commands;

/// <summary>
/// <para type="synopsis">Adds custom-field group items to customers (POST customer_field_group_items), several requests in flight.</para>
/// </summary>
[Cmdlet(VerbsCommon.Add, "ThuliumFieldGroupItem", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ParameterSetNames.Fields)]
[OutputType(typeof(FieldGroupItemCreationResult))]
public sealed partial class AddThuliumFieldGroupItemCommand : ThuliumBulkCommand<FieldGroupItemDraft, FieldGroupItemCreationResult>
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

    private protected override string Action => "Add field group item";

    /// <summary>Maps the row or the parameters to one item; one request per item, several in flight.</summary>
    protected override void ProcessRecord()
    {
        if (ParameterSetName == ParameterSetNames.InputObject)
        {
            foreach (var item in PSInput.Items(InputObject))
            {
                SubmitRow(item);
            }

            return;
        }

        var given = new System.Collections.Hashtable { ["GroupId"] = GroupId, ["CustomerId"] = CustomerId, ["Value"] = Value };
        Submit(given, FieldGroupItemInputMapper.Map(PSInput.IdFrom(GroupId, "group_id", "GroupId"), PSInput.IdFrom(CustomerId, "customer_id", "CustomerId"), PSInput.Plain(Value)));
    }

    private void SubmitRow(object? item)
    {
        var row = PSInput.Properties(item).ToList();
        object? Column(params string[] names) => row.FirstOrDefault(p => names.Any(n => string.Equals(p.Key, n, System.StringComparison.OrdinalIgnoreCase))).Value;
        Submit(item, FieldGroupItemInputMapper.Map(
            Column("group_id", "GroupId") ?? PSInput.Plain(GroupId),
            Column("customer_id", "CustomerId"),
            Column("values", "Value"),
            row));
    }

    private protected override IBatchEndpoint<FieldGroupItemDraft> CreateEndpoint(ThuliumClient client, EngineMessageQueue engineLog) => new AddFieldGroupItemEndpoint(client, engineLog);

    private protected override string Describe(FieldGroupItemDraft item) => $"Customer {Text(item.CustomerId)}, field group {Text(item.GroupId)} ({item.Values.Count} value(s))";

    private protected override void FillItem(FieldGroupItemCreationResult result, FieldGroupItemDraft item)
    {
        result.GroupId = item.GroupId;
        result.CustomerId = item.CustomerId;
    }

    private protected override void FillOutcome(FieldGroupItemCreationResult result, ItemOutcome outcome) => result.ItemId = outcome.ReturnedId;
}
