using System.Collections.Generic;
using System.Text.Json.Serialization;
using ThuliumPS.Core.Models;

namespace ThuliumPS.Core.Json.Requests;

/// <summary>The body of POST batch/customers: <c>{"customers": [ … ]}</c>.</summary>
internal sealed class CreateCustomersRequest
{
    /// <summary>Creates the body.</summary>
    public CreateCustomersRequest(IReadOnlyList<CustomerDraft> customers) => Customers = customers;

    /// <summary>The customers, in request order (the answer is keyed by this position).</summary>
    [JsonPropertyName("customers")]
    public IReadOnlyList<CustomerDraft> Customers { get; }
}
