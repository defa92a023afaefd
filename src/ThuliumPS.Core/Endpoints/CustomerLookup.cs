using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Models;

namespace ThuliumPS.Core.Endpoints;

/// <summary>A field GET customers can search by that identifies a customer well enough to look it up.</summary>
public enum CustomerKeyField
{
    /// <summary><c>identifier</c>, the caller's own key.</summary>
    Identifier,

    /// <summary><c>email</c> (compared case-insensitively).</summary>
    Email,

    /// <summary><c>phone_number</c> (compared without spaces and dashes).</summary>
    PhoneNumber,

    /// <summary><c>nip</c> (compared without spaces and dashes).</summary>
    Nip,
}

/// <summary>What a lookup found.</summary>
public enum CustomerLookupVerdict
{
    /// <summary>The server returned no customer for the key: nothing like it exists.</summary>
    NotFound,

    /// <summary>Exactly one customer matches, and the server returned no other candidate.</summary>
    Found,

    /// <summary>
    /// Several customers match, or the server returned candidates that do not match exactly (its matching rules are
    /// not documented): a caller must not decide on its own.
    /// </summary>
    Ambiguous,
}

/// <summary>The answer of <see cref="CustomerLookup"/>.</summary>
public sealed class CustomerLookupResult
{
    internal CustomerLookupResult(CustomerKeyField field, string value, IReadOnlyList<long> matches, IReadOnlyList<long> others, long? serverCount)
    {
        Field = field;
        Value = value;
        CustomerIds = matches;
        OtherCandidateIds = others;
        ServerCount = serverCount;
    }

    /// <summary>The field searched.</summary>
    public CustomerKeyField Field { get; }

    /// <summary>The value searched for.</summary>
    public string Value { get; }

    /// <summary>Ids of the customers that match exactly (at most <see cref="CustomerLookup.MaxCandidates"/>).</summary>
    public IReadOnlyList<long> CustomerIds { get; }

    /// <summary>Ids the server returned that do not match exactly (another spelling, another surname …).</summary>
    public IReadOnlyList<long> OtherCandidateIds { get; }

    /// <summary>The server's count of customers it found for the key (null when its answer had none).</summary>
    public long? ServerCount { get; }

    /// <summary>
    /// NotFound only when the server returned nobody (and counted nobody); Found when exactly one customer matches
    /// and nobody else came back; Ambiguous otherwise. Only NotFound makes a resend safe, only Found names the customer.
    /// </summary>
    public CustomerLookupVerdict Verdict =>
        CustomerIds.Count == 0 && OtherCandidateIds.Count == 0 && ServerCount is null or 0 ? CustomerLookupVerdict.NotFound
        : CustomerIds.Count == 1 && OtherCandidateIds.Count == 0 && ServerCount is null or 1 ? CustomerLookupVerdict.Found
        : CustomerLookupVerdict.Ambiguous;

    /// <summary>The one matching customer's id when <see cref="Verdict"/> is Found; otherwise null.</summary>
    public long? CustomerId => Verdict == CustomerLookupVerdict.Found ? CustomerIds[0] : null;

    /// <summary>The ids worth naming in a message: the exact matches, then the other candidates.</summary>
    public IReadOnlyList<long> AllIds => CustomerIds.Concat(OtherCandidateIds).ToArray();
}

/// <summary>
/// Finds customers by one searchable key (identifier, e-mail, phone number or NIP) with one GET customers request,
/// and checks every candidate against the key on this side too: the sandbox matches exactly, but the real
/// server's matching rules are not documented (it might match parts, or ignore case).
/// </summary>
/// <remarks>
/// Made for settling a create whose outcome is Unknown: <see cref="FindAsync(CustomerDraft, CancellationToken)"/>
/// looks the draft up by its most specific key and also requires the draft's surname (and name, when it has one)
/// to match, so that another customer who merely shares an e-mail or phone number is not taken for the one the
/// create made. Found → that customer exists (Succeeded, with its id); NotFound → nothing like it exists (safe to
/// resend); Ambiguous → leave it Unknown and name <see cref="CustomerLookupResult.AllIds"/>. A lookup cannot tell a
/// customer that existed before the create from the one the create made: the caller says so.
/// </remarks>
public sealed class CustomerLookup
{
    /// <summary>The most candidates read for one key: more than this is ambiguous anyway.</summary>
    public const int MaxCandidates = 100;

    private readonly CustomerReader reader;

    /// <summary>Creates the lookup over a connection's client.</summary>
    public CustomerLookup(ThuliumClient client, IEngineLog? log = null)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));

        // The bare customer is enough to compare keys and names: no custom fields or addresses are asked for.
        reader = new CustomerReader(client, log, includeDetails: false);
    }

    /// <summary>
    /// The key a draft is best looked up by: its identifier, else its first e-mail, else its first phone number,
    /// else its NIP. False when it has none of them (then it cannot be looked up).
    /// </summary>
    public static bool TryGetKey(CustomerDraft draft, out CustomerKeyField field, out string value)
    {
        if (draft is null) throw new ArgumentNullException(nameof(draft));
        foreach (var candidate in new[] { CustomerKeyField.Identifier, CustomerKeyField.Email, CustomerKeyField.PhoneNumber, CustomerKeyField.Nip })
        {
            if (KeyValue(draft, candidate) is { } found)
            {
                field = candidate;
                value = found;
                return true;
            }
        }

        field = default;
        value = string.Empty;
        return false;
    }

    /// <summary>
    /// The draft's value of <paramref name="field"/> to look it up by (its first e-mail or phone number), trimmed;
    /// null when it has none.
    /// </summary>
    public static string? KeyValue(CustomerDraft draft, CustomerKeyField field)
    {
        if (draft is null) throw new ArgumentNullException(nameof(draft));
        var value = field switch
        {
            CustomerKeyField.Identifier => draft.Identifier,
            CustomerKeyField.Email => draft.Email?.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)),
            CustomerKeyField.PhoneNumber => draft.PhoneNumber?.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)),
            CustomerKeyField.Nip => draft.Nip,
            _ => null,
        };
        return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }

    /// <summary>Finds the customers whose <paramref name="field"/> is <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">An empty value (the API would read it as "customers without one").</exception>
    /// <exception cref="Http.ThuliumAuthenticationException">401/403.</exception>
    /// <exception cref="Http.ThuliumRequestException">The search failed (no answer, a non-2xx or unreadable answer).</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public Task<CustomerLookupResult> FindAsync(CustomerKeyField field, string value, CancellationToken cancellationToken)
        => FindAsync(field, value, static _ => true, cancellationToken);

    /// <summary>
    /// Looks a draft up by <see cref="TryGetKey"/>'s key; a customer matches when the key matches and its surname
    /// (and name, when the draft has one) is the draft's, ignoring case. Null when the draft has no key.
    /// </summary>
    /// <exception cref="Http.ThuliumAuthenticationException">401/403.</exception>
    /// <exception cref="Http.ThuliumRequestException">The search failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task<CustomerLookupResult?> FindAsync(CustomerDraft draft, CancellationToken cancellationToken)
    {
        if (!TryGetKey(draft, out var field, out var value))
        {
            return null;
        }

        return await FindAsync(field, value, customer => SameName(draft.Surname, customer.Surname) && (string.IsNullOrWhiteSpace(draft.Name) || SameName(draft.Name, customer.Name)), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>True when <paramref name="customer"/>'s <paramref name="field"/> is <paramref name="value"/> by the lookup's comparison.</summary>
    public static bool Matches(CustomerRecord customer, CustomerKeyField field, string value)
    {
        if (customer is null) throw new ArgumentNullException(nameof(customer));
        if (value is null) throw new ArgumentNullException(nameof(value));
        return field switch
        {
            CustomerKeyField.Identifier => string.Equals(customer.Identifier?.Trim(), value.Trim(), StringComparison.Ordinal),
            CustomerKeyField.Email => customer.Emails.Any(e => string.Equals(e.Trim(), value.Trim(), StringComparison.OrdinalIgnoreCase)),
            CustomerKeyField.PhoneNumber => customer.PhoneNumbers.Any(p => Compact(p) == Compact(value)),
            CustomerKeyField.Nip => customer.Nip is { } nip && Compact(nip) == Compact(value),
            _ => false,
        };
    }

    private async Task<CustomerLookupResult> FindAsync(CustomerKeyField field, string value, Func<CustomerRecord, bool> alsoMatches, CancellationToken cancellationToken)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException("An empty value finds customers without one, not a customer; give a value.", nameof(value));
        var filter = field switch
        {
            CustomerKeyField.Identifier => new CustomerFilter { Identifier = value },
            CustomerKeyField.Email => new CustomerFilter { Email = value },
            CustomerKeyField.PhoneNumber => new CustomerFilter { PhoneNumber = value },
            CustomerKeyField.Nip => new CustomerFilter { Nip = value },
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a searchable key."),
        };

        var page = await reader.GetPageAsync(filter, 0, MaxCandidates, cancellationToken).ConfigureAwait(false);
        var matches = new List<long>();
        var others = new List<long>();
        foreach (var customer in page.Customers)
        {
            if (customer.CustomerId is not { } id)
            {
                continue;
            }

            (Matches(customer, field, value) && alsoMatches(customer) ? matches : others).Add(id);
        }

        return new CustomerLookupResult(field, value, matches, others, page.Count);
    }

    private static bool SameName(string? wanted, string? actual) =>
        string.Equals(wanted?.Trim() ?? string.Empty, actual?.Trim() ?? string.Empty, StringComparison.OrdinalIgnoreCase);

    private static string Compact(string value) => new(value.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
}
