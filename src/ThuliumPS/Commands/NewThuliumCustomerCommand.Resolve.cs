using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Input;
using ThuliumPS.Core.Models;
using ThuliumPS.Core.Outcomes;
using ThuliumPS.Errors;
using ThuliumPS.Results;

namespace ThuliumPS.Commands;

/// <summary>
/// -ResolveUnknown: a create whose answer was lost (Outcome Unknown) is looked up on the server by the field
/// -KeyProperty names, as soon as its request has ended and before its result is written (so results stay in input
/// order): found once → Succeeded with that id; not found → sent again; found several times → stays Unknown, naming
/// the ids. The lookup cannot tell a customer this run created from one that existed before with the same key; the
/// message says so.
/// </summary>
public sealed partial class NewThuliumCustomerCommand
{
    /// <summary>Look up creates whose answer was lost by -KeyProperty (identifier, email, phone_number or nip) instead of leaving them Unknown.</summary>
    [Parameter]
    public SwitchParameter ResolveUnknown { get; set; }

    private CustomerKeyField? lookupField;

    private protected override bool ResolvesUnknown => lookupField is not null;

    /// <summary>Checks that -ResolveUnknown has a field to look up by, then starts the run.</summary>
    protected override void BeginProcessing()
    {
        if (ResolveUnknown.IsPresent)
        {
            lookupField = KeyProperty is null ? null : ColumnNames.Normalize(KeyProperty) switch
            {
                "identifier" => CustomerKeyField.Identifier,
                "email" => CustomerKeyField.Email,
                "phonenumber" => CustomerKeyField.PhoneNumber,
                "nip" => CustomerKeyField.Nip,
                _ => null,
            };
            if (lookupField is null)
            {
                ThrowTerminatingError(ErrorRecords.Terminating(
                    new ArgumentException("-ResolveUnknown needs -KeyProperty identifier, email, phone_number or nip (with -JournalPath): the field a lost create is looked up by on the server."),
                    ErrorIds.InvalidInput,
                    ErrorCategory.InvalidArgument));
            }
        }

        base.BeginProcessing();
    }

    private protected override ItemOutcome Resolve(CustomerCreationResult result, ItemOutcome outcome)
    {
        // Under -WhatIf nothing is looked up or sent: the rehearsal shows the item as the journal left it.
        if (lookupField is not { } field || outcome.Kind != OutcomeKind.Unknown || WhatIfRequested)
        {
            return outcome;
        }

        // An earlier run's Unknown (from the journal) may come before this run has sent anything: connect now.
        var sending = SendingOrConnect();

        mapper ??= new CustomerInputMapper(EngineLog);
        var mapped = mapper.Map(ItemOf(result.InputObject));
        if (!mapped.IsValid || CustomerLookup.KeyValue(mapped.Value!, field) is not { } value)
        {
            return outcome;
        }

        var key = KeyProperty + " '" + value + "'";
        try
        {
            var found = new CustomerLookup(sending.Client, EngineLog).FindAsync(field, value, Cancellation).GetAwaiter().GetResult();
            switch (found.Verdict)
            {
                case CustomerLookupVerdict.Found:
                    var id = found.CustomerIds[0];
                    return OutcomeFactory.Succeeded(
                        outcome.InputIndex,
                        OutcomeStatuses.Created,
                        outcome.HttpStatus,
                        outcome.Attempts,
                        id,
                        string.Format(CultureInfo.InvariantCulture, "The answer to the create was lost; checked by {0}: customer {1} exists, so it was created once (or existed before this run with the same {2}).", key, id, KeyProperty));
                case CustomerLookupVerdict.NotFound:
                    var again = sending.Endpoint.SendAsync(string.Empty, [new PlannedItem<CustomerDraft>(outcome.InputIndex, mapped.Value!)], Cancellation).GetAwaiter().GetResult()[0];
                    return OutcomeFactory.WithMessage(again, "The answer to the first create was lost and no customer with " + key + " was found, so it was sent again." + (string.IsNullOrEmpty(again.Message) ? string.Empty : " " + again.Message));
                default:
                    return OutcomeFactory.WithMessage(outcome, outcome.Message + " Checked by " + key + ": several customers match (" + string.Join(", ", found.CustomerIds.Concat(found.OtherCandidateIds)) + "); check them by hand.");
            }
        }
        catch (ThuliumRequestException error)
        {
            return OutcomeFactory.WithMessage(outcome, outcome.Message + " It could not be checked by " + key + ": " + error.Message);
        }
    }
}
