using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using ThuliumPS.Connection;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Input;
using ThuliumPS.Core.Models;
using ThuliumPS.Errors;
using ThuliumPS.Results;

namespace ThuliumPS.Commands;

/// <summary>
/// <para type="synopsis">Gets Thulium customers by id (GET customers/:id) or by the documented filters (GET customers, paged).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "ThuliumCustomer", DefaultParameterSetName = FilterParameterSet)]
[OutputType(typeof(ThuliumCustomer))]
public sealed class GetThuliumCustomerCommand : PSCmdlet, IDisposable
{
    /// <summary>Customers by id.</summary>
    internal const string IdParameterSet = "Id";

    /// <summary>Customers by filters (none: every customer).</summary>
    internal const string FilterParameterSet = "Filter";

    private readonly CancellationTokenSource stopping = new();
    private readonly EngineMessageQueue log = new();
    private readonly RowReader rows = new();
    private ThuliumConnection? connection;
    private bool ownsConnection;
    private CustomerReader? reader;

    /// <summary>
    /// Customer ids: integers or digit strings, or objects with a customer_id / CustomerId / Id property
    /// (New-ThuliumCustomer's results, CSV rows).
    /// </summary>
    // No ValueFromPipelineByPropertyName: a piped object reaches Core whole and is read by the module's one column rule.
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = IdParameterSet)]
    [Alias("CustomerId", "customer_id")]
    [AllowNull]
    public object?[]? Id { get; set; }

    /// <summary>Customers with this identifier (exact match); an empty string finds customers without one.</summary>
    [Parameter(ParameterSetName = FilterParameterSet)]
    [AllowEmptyString]
    public string? Identifier { get; set; }

    /// <summary>Customers with this e-mail address.</summary>
    [Parameter(ParameterSetName = FilterParameterSet)]
    [ValidateNotNullOrEmpty]
    public string? Email { get; set; }

    /// <summary>Customers with this phone number; an empty string finds customers without one.</summary>
    [Parameter(ParameterSetName = FilterParameterSet)]
    [AllowEmptyString]
    public string? PhoneNumber { get; set; }

    /// <summary>Customers with this NIP.</summary>
    [Parameter(ParameterSetName = FilterParameterSet)]
    [ValidateNotNullOrEmpty]
    public string? Nip { get; set; }

    /// <summary>Customers of this company.</summary>
    [Parameter(ParameterSetName = FilterParameterSet)]
    [ValidateRange(1, long.MaxValue)]
    public long? CompanyId { get; set; }

    /// <summary>Customers of this type (its text name).</summary>
    [Parameter(ParameterSetName = FilterParameterSet)]
    [ValidateNotNullOrEmpty]
    public string? Type { get; set; }

    /// <summary>Customers in this group (its text name).</summary>
    [Parameter(ParameterSetName = FilterParameterSet)]
    [ValidateNotNullOrEmpty]
    public string? Group { get; set; }

    /// <summary>The most customers to return; no request is made for more.</summary>
    [Parameter(ParameterSetName = FilterParameterSet)]
    [ValidateRange(1, int.MaxValue)]
    public int? First { get; set; }

    /// <summary>Customers per request (1–1000).</summary>
    [Parameter(ParameterSetName = FilterParameterSet)]
    [ValidateRange(1, CustomerReader.MaxPageSize)]
    public int PageSize { get; set; } = CustomerReader.DefaultPageSize;

    /// <summary>The connection to use instead of the default one (Connect-Thulium, or the THULIUM_* environment variables).</summary>
    [Parameter]
    [ValidateNotNull]
    public ThuliumConnection? Connection { get; set; }

    /// <summary>
    /// Refuses a listing that would read more than was asked for: piped objects with a listing parameter, or a filter
    /// given as $null. Either would list every customer (the filters' set ignores piped objects), and such a listing
    /// piped into Remove-ThuliumCustomer removes them all.
    /// </summary>
    protected override void BeginProcessing()
    {
        if (ParameterSetName != FilterParameterSet)
        {
            return;
        }

        if (MyInvocation.ExpectingInput)
        {
            RefuseListing("Get-ThuliumCustomer was given piped input together with -First, -PageSize or a filter (perhaps from $PSDefaultParameterValues), which list customers by filters and ignore piped objects: every customer matching the filters would be listed. Pipe ids without those parameters (each id is read by itself), or list by filters without piping anything.");
        }

        foreach (var name in new[] { nameof(Identifier), nameof(PhoneNumber) })
        {
            if (MyInvocation.BoundParameters.TryGetValue(name, out var value) && value is null)
            {
                RefuseListing("-" + name + " is $null (an empty column or a mistyped property?), which would drop the filter and list every customer. Give a value, or '' for customers without one.");
            }
        }
    }

    private void RefuseListing(string message) =>
        ThrowTerminatingError(ErrorRecords.Terminating(new ArgumentException(message), ErrorIds.InvalidInput, ErrorCategory.InvalidArgument));

    /// <summary>Reads each id as it arrives, writing its customer (or an error) before the next is read.</summary>
    protected override void ProcessRecord()
    {
        if (ParameterSetName != IdParameterSet)
        {
            return;
        }

        foreach (var input in Id ?? [null])
        {
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            var id = IdInputs.CustomerId(PSInput.Item(input, rows, plainCustomObjects: false));
            if (!id.IsValid)
            {
                WriteError(ErrorRecords.InvalidInput(id.Error!, input));
                continue;
            }

            var customer = Run(ct => Reader().GetAsync(id.Value, ct), input);
            if (customer.Failed)
            {
                continue;
            }

            if (customer.Value is null)
            {
                WriteError(ErrorRecords.CustomerNotFound(id.Value, input));
            }
            else
            {
                WriteObject(ToResult(customer.Value));
            }
        }
    }

    /// <summary>Lists the customers matching the filters, writing each page before the next is asked for.</summary>
    protected override void EndProcessing()
    {
        if (ParameterSetName != FilterParameterSet)
        {
            return;
        }

        var filter = new CustomerFilter { Identifier = Identifier, Email = Email, PhoneNumber = PhoneNumber, Nip = Nip, CompanyId = CompanyId, Type = Type, Group = Group };
        var pager = new CustomerPager(Reader(), filter, PageSize, First, log);
        while (!pager.IsComplete && !stopping.IsCancellationRequested)
        {
            var page = Run(ct => pager.NextAsync(ct), null, terminating: true);
            if (page.Failed)
            {
                return;
            }

            foreach (var customer in page.Value!)
            {
                WriteObject(ToResult(customer));
            }
        }
    }

    /// <summary>Cancels the request in flight (Ctrl+C).</summary>
    protected override void StopProcessing() => stopping.Cancel();

    /// <summary>Releases the cancellation source and a connection made from the environment.</summary>
    public void Dispose()
    {
        if (ownsConnection)
        {
            connection?.Client.Dispose();
        }

        stopping.Dispose();
    }

    /// <summary>The reader over the connection, made on first use (so invalid ids alone need no connection).</summary>
    private CustomerReader Reader()
    {
        if (reader is not null)
        {
            return reader;
        }

        connection = ConnectionResolver.TryResolve(Connection, () => ConnectThuliumCommand.UserAgentFragment(this), out ownsConnection, out var error);
        if (connection is null)
        {
            ThrowTerminatingError(error!);
        }

        return reader = new CustomerReader(connection!.Client, log);
    }

    /// <summary>
    /// Runs one read on the pipeline thread. Blocking is right here: only this thread may write, each read honours
    /// Ctrl+C through the token, and a listing must not ask for the next page before this one is written.
    /// 401/403 terminate, as in every other command; any other failure is an error for <paramref name="target"/>
    /// (terminating for a listing, which cannot go on past a page it could not read).
    /// </summary>
    private (bool Failed, T? Value) Run<T>(Func<CancellationToken, System.Threading.Tasks.Task<T>> read, object? target, bool terminating = false)
    {
        try
        {
            return (false, read(stopping.Token).GetAwaiter().GetResult());
        }
        catch (ThuliumAuthenticationException error)
        {
            Drain();
            ThrowTerminatingError(ErrorRecords.ForAuthentication(error, target));
            throw; // not reached: ThrowTerminatingError always throws
        }
        catch (ThuliumRequestException error)
        {
            Drain();
            if (terminating)
            {
                ThrowTerminatingError(ErrorRecords.ForRequest(error, target));
            }

            WriteError(ErrorRecords.ForRequest(error, target));
            return (true, default);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Ctrl+C: PowerShell is already stopping the pipeline.
            return (true, default);
        }
        finally
        {
            Drain();
        }
    }

    private void Drain()
    {
        while (log.TryTake(out var message))
        {
            switch (message.Level)
            {
                case EngineMessageLevel.Warning: WriteWarning(message.Text); break;
                case EngineMessageLevel.Debug: WriteDebug(message.Text); break;
                default: WriteVerbose(message.Text); break;
            }
        }
    }

    private static ThuliumCustomer ToResult(CustomerRecord customer) => new()
    {
        CustomerId = customer.CustomerId,
        Name = customer.Name,
        Surname = customer.Surname,
        Email = customer.Email,
        Emails = customer.Emails.ToArray(),
        PhoneNumber = customer.PhoneNumber,
        PhoneNumbers = customer.PhoneNumbers.ToArray(),
        CompanyId = customer.CompanyId,
        CompanyFlag = customer.CompanyFlag,
        Identifier = customer.Identifier,
        Type = customer.Type,
        Group = customer.Group,
        Nip = customer.Nip,
        Pesel = customer.Pesel,
        Gender = customer.Gender,
        Homepage = customer.Homepage,
        Birthdate = customer.Birthdate,
        Note = customer.Note,
        Job = customer.Job,
        JobTitle = customer.JobTitle,
        AccountManager = customer.AccountManager,
        Vip = customer.Vip,
        UpdatedAt = customer.UpdatedAt,
        CustomFields = customer.CustomFields is { } fields ? Table(fields) : null,
        Address = Table(customer.Address),
        InvoiceAddress = Table(customer.InvoiceAddress),
        MailDropAddress = Table(customer.MailDropAddress),
    };

    // Case-insensitive like every PowerShell hashtable literal, so $c.CustomFields['miasto'] finds 'Miasto'.
    private static Hashtable Table(IReadOnlyDictionary<string, object?> values)
    {
        var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in values)
        {
            table[pair.Key] = pair.Value is IReadOnlyDictionary<string, object?> nested ? Table(nested) : pair.Value;
        }

        return table;
    }

    private static Hashtable? Table(PostalAddress? address) => address is null
        ? null
        : new Hashtable(StringComparer.OrdinalIgnoreCase)
        {
            ["street"] = address.Street,
            ["building"] = address.Building,
            ["flat"] = address.Flat,
            ["postcode"] = address.Postcode,
            ["city"] = address.City,
            ["country"] = address.Country,
        };
}
