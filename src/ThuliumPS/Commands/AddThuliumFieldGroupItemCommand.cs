using System.Management.Automation;
using System.Linq;
using ThuliumPS.Core.Models;
using ThuliumPS.Core.Input;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Results;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Commands;

/// <summary>
/// <para type="synopsis">Adds custom-field group items to customers (POST customer_field_group_items), several requests in flight.</para>
/// </summary>
[Cmdlet(VerbsCommon.Add, "ThuliumFieldGroupItem", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ParameterSetNames.InputObject)]
[OutputType(typeof(FieldGroupItemCreationResult))]
public sealed partial class AddThuliumFieldGroupItemCommand : ThuliumBulkCommand<FieldGroupItemDraft, FieldGroupItemCreationResult>
{
    /// <summary>A whole row: group_id, customer_id and field-value columns (see the help for the column convention).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ParameterSetNames.InputObject)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    // The typed parameters take no pipeline input: a piped row always reaches Core whole (-InputObject), which reads
    // its group_id, customer_id and field.<id> columns by one rule. Binding some columns by property name made
    // PowerShell refuse every CSV row for lacking a 'Value' column.

    /// <summary>
    /// The field group id. With piped rows, the group for rows without a group_id column; a row naming another
    /// group is refused.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSetNames.Fields)]
    [Parameter(ParameterSetName = ParameterSetNames.InputObject)]
    [Alias("group_id")]
    public object? GroupId { get; set; }

    /// <summary>The customer id.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ParameterSetNames.Fields)]
    [Alias("customer_id")]
    public object? CustomerId { get; set; }

    /// <summary>The values: a hashtable field id → value, or objects with field_id and value.</summary>
    [Parameter(Mandatory = true, Position = 2, ParameterSetName = ParameterSetNames.Fields)]
    [Alias("values")]
    public object? Value { get; set; }

    private FieldGroupItemInputMapper? mapper;

    private protected override string Action => "Add field group item";

    /// <summary>Maps the row or the parameters to one item; one request per item, several in flight.</summary>
    private protected override void ProcessInput()
    {
        // One mapper per command run: it remembers which unmapped columns it has warned about.
        mapper ??= new FieldGroupItemInputMapper(EngineLog);
        if (ParameterSetName == ParameterSetNames.InputObject)
        {
            var group = PSInput.Plain(GroupId);
            foreach (var item in PSInput.Items(InputObject))
            {
                Submit(item, mapper.Map(ItemOf(item), group));
            }

            return;
        }

        // Recorded under the API's names, so a failed item's InputObject can be piped back as it is.
        var given = new System.Collections.Specialized.OrderedDictionary { ["group_id"] = GroupId, ["customer_id"] = CustomerId, ["values"] = Value };
        Submit(given, mapper.Map(PSInput.Plain(GroupId), PSInput.Plain(CustomerId), PSInput.Plain(Value)));
    }

    private protected override IBatchEndpoint<FieldGroupItemDraft> CreateEndpoint(ThuliumClient client, EngineMessageQueue engineLog) => new AddFieldGroupItemEndpoint(client, engineLog);

    private protected override string Describe(FieldGroupItemDraft item) => $"Customer {Text(item.CustomerId)}, field group {Text(item.GroupId)} ({Plural.Count(item.Values.Count, "value", "values")})";

    private protected override void FillItem(FieldGroupItemCreationResult result, FieldGroupItemDraft item)
    {
        // A refused row's draft has 0 for an id it did not give (ids are positive): that id stays empty.
        result.GroupId = item.GroupId > 0 ? item.GroupId : null;
        result.CustomerId = item.CustomerId > 0 ? item.CustomerId : null;
    }

    private protected override void FillOutcome(FieldGroupItemCreationResult result, ItemOutcome outcome) => result.ItemId = outcome.ReturnedId;
}
