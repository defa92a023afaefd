using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Input;
using ThuliumPS.Core.Models;
using ThuliumPS.Results;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Commands;

/// <summary>
/// <para type="synopsis">Creates Thulium customers in batches (POST batch/customers).</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "ThuliumCustomer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ParameterSetNames.InputObject)]
[OutputType(typeof(CustomerCreationResult))]
public sealed partial class NewThuliumCustomerCommand : ThuliumBulkCommand<CustomerDraft, CustomerCreationResult>
{
    /// <summary>A customer as a whole object: an Import-Csv row, a hashtable or any object with customer properties.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0, ParameterSetName = ParameterSetNames.InputObject)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    /// <summary>Last name (required by the API).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSetNames.Fields)]
    public string? Surname { get; set; }

    /// <summary>First name.</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public string? Name { get; set; }

    /// <summary>One or more e-mail addresses.</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public string[]? Email { get; set; }

    /// <summary>One or more phone numbers.</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public string[]? PhoneNumber { get; set; }

    /// <summary>Id of the company the customer belongs to.</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public long? CompanyId { get; set; }

    /// <summary>Text name of a customer type defined in Thulium.</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public string? Type { get; set; }

    /// <summary>Text name of a customer group defined in Thulium.</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public string? Group { get; set; }

    /// <summary>Your own identifier of the customer.</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public string? Identifier { get; set; }

    /// <summary>Gender, sent as given (the API documents no values).</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public string? Gender { get; set; }

    /// <summary>Web site.</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public string? Homepage { get; set; }

    /// <summary>Date of birth: a DateTime, or text as yyyy-MM-dd, yyyy-MM-ddTHH:mm:ss, yyyy-MM-dd HH:mm:ss, dd.MM.yyyy or yyyy/MM/dd; sent as yyyy-MM-dd.</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public object? Birthdate { get; set; }

    /// <summary>NIP (Polish tax id).</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public string? Nip { get; set; }

    /// <summary>Note.</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public string? Note { get; set; }

    /// <summary>PESEL number.</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public string? Pesel { get; set; }

    /// <summary>Workplace.</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public string? Job { get; set; }

    /// <summary>Job title.</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public string? JobTitle { get; set; }

    /// <summary>Login of the customer's account manager.</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public string? AccountManager { get; set; }

    /// <summary>Custom fields: field name → scalar value.</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public Hashtable? CustomField { get; set; }

    /// <summary>Fill READ ONLY custom fields too.</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public SwitchParameter FillReadOnlyCustomFields { get; set; }

    /// <summary>Marks the customer as VIP.</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public SwitchParameter Vip { get; set; }

    /// <summary>Address: a hashtable with street, building, flat, postcode, city, country.</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public Hashtable? Address { get; set; }

    /// <summary>Invoice address: a hashtable with the same keys as -Address (street, building, flat, postcode, city, country).</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public Hashtable? InvoiceAddress { get; set; }

    /// <summary>Correspondence address: a hashtable with the same keys as -Address (street, building, flat, postcode, city, country).</summary>
    [Parameter(ParameterSetName = ParameterSetNames.Fields)]
    public Hashtable? MailDropAddress { get; set; }

    /// <summary>How many items one request carries (1–1000); lower it if the server refuses large batches.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int BatchSize { get; set; } = 100;

    // Typed parameters whose names differ from the API field they fill.
    private static readonly Dictionary<string, string> FieldOfParameter = new(System.StringComparer.OrdinalIgnoreCase)
    {
        [nameof(CustomField)] = "custom_fields",
    };

    // The customer fields are exactly the parameters of the Fields set, read off their declarations once, so a new
    // field parameter needs no second list to be sent.
    private static readonly HashSet<string> FieldParameters = new(
        typeof(NewThuliumCustomerCommand).GetProperties()
            .Where(p => p.GetCustomAttributes(typeof(ParameterAttribute), false).Cast<ParameterAttribute>().Any(a => a.ParameterSetName == ParameterSetNames.Fields))
            .Select(p => p.Name),
        System.StringComparer.OrdinalIgnoreCase);

    private CustomerInputMapper? mapper;

    private protected override int? RequestedBatchSize => BatchSize;

    private protected override string Action => "Create";

    /// <summary>Maps the row (or the typed parameters) with Core's customer mapper and queues it.</summary>
    private protected override void ProcessInput()
    {
        mapper ??= new CustomerInputMapper(EngineLog);
        if (ParameterSetName == ParameterSetNames.InputObject)
        {
            foreach (var item in PSInput.Items(InputObject))
            {
                // A customer read by Get-ThuliumCustomer is copied field by field, with all its e-mails and phone
                // numbers, rather than read as a row of its display properties (Emails, PhoneNumbers, CustomerId).
                var row = (item is PSObject wrapped ? wrapped.BaseObject : item) is ThuliumCustomer read
                    ? InputItem.Row(read.CreateFields())
                    : ItemOf(item);
                Submit(item, mapper.Map(row));
            }

            return;
        }

        var fields = MyInvocation.BoundParameters
            .Where(p => FieldParameters.Contains(p.Key))
            .Select(p => new KeyValuePair<string, object?>(
                FieldOfParameter.TryGetValue(p.Key, out var field) ? field : p.Key,
                p.Value is SwitchParameter flag ? flag.IsPresent : PSInput.Plain(p.Value)))
            .ToList();
        // The InputObject of a typed call holds the fields under the names the mapper reads (custom_fields, not
        // CustomField), so a failed call's InputObject, corrected and piped back, creates the same customer.
        var given = new System.Collections.Specialized.OrderedDictionary(System.StringComparer.OrdinalIgnoreCase);
        foreach (var field in fields)
        {
            given[field.Key] = field.Value;
        }

        Submit(given, mapper.Map(fields));
    }

    private protected override IBatchEndpoint<CustomerDraft> CreateEndpoint(ThuliumClient client, EngineMessageQueue engineLog) => new CreateCustomersEndpoint(client, engineLog);

    // Built without LINQ or arrays: it runs once per row, and a large import has hundreds of thousands.
    private protected override string Describe(CustomerDraft item) =>
        "Customer '" + (item.Name is null || item.Surname is null ? item.Name ?? item.Surname : item.Name + " " + item.Surname) + "'";

    private protected override void FillItem(CustomerCreationResult result, CustomerDraft item)
    {
        result.Name = item.Name;
        result.Surname = item.Surname;
    }

    private protected override void FillOutcome(CustomerCreationResult result, ItemOutcome outcome) => result.CustomerId = outcome.ReturnedId;
}
