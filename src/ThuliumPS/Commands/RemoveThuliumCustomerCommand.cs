using System.Management.Automation;
using ThuliumPS.Core.Input;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Results;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Diagnostics;

namespace ThuliumPS.Commands;

/// <summary>
/// <para type="synopsis">Deletes Thulium customers in batches (DELETE batch/customers).</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "ThuliumCustomer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CustomerRemovalResult))]
public sealed partial class RemoveThuliumCustomerCommand : ThuliumRemoveCommand<long, CustomerRemovalResult>
{
    /// <summary>
    /// Customer ids: integers or digit strings, or objects with a customer_id / CustomerId / Id property
    /// (New-ThuliumCustomer's results, CSV rows).
    /// </summary>
    // No ValueFromPipelineByPropertyName: a piped object reaches Core whole, so an empty or missing id column is
    // reported as exactly that, and every cmdlet reads columns by the same rule.
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("CustomerId", "customer_id")]
    [AllowNull]
    public object?[]? Id { get; set; }


    /// <summary>How many items one request carries (1–1000); lower it if the server refuses large batches.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int BatchSize { get; set; } = 100;

    private protected override int? RequestedBatchSize => BatchSize;

    /// <summary>Queues each id (an array by parameter behaves like the same ids piped).</summary>
    private protected override void ProcessInput()
    {
        foreach (var id in Id ?? [null])
        {
            Submit(id, IdInputs.CustomerId(ItemOf(id)));
        }
    }

    private protected override IBatchEndpoint<long> CreateEndpoint(ThuliumClient client, EngineMessageQueue engineLog) => new DeleteCustomersEndpoint(client, engineLog);

    private protected override string Describe(long item) => "Customer " + Text(item);

    private protected override void FillItem(CustomerRemovalResult result, long item) => result.CustomerId = item;
}
