using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ThuliumPS.Sandbox.State;

/// <summary>A campaign as <c>/_sandbox/state</c> shows it and <c>/_sandbox/seed</c> takes it.</summary>
public sealed class SandboxCampaign
{
    /// <summary>Five-character id, e.g. 00001.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = "";

    /// <summary>Whether the campaign is fed from the CRM (its records are named by customer id).</summary>
    [JsonPropertyName("crm")] public bool Crm { get; set; } = true;

    /// <summary>Queued for removal by DELETE batch/outbounds.</summary>
    [JsonPropertyName("queued")] public bool Queued { get; set; }

    /// <summary>Whether the removal asked for the recordings to go too.</summary>
    [JsonPropertyName("delete_recordings")] public bool DeleteRecordings { get; set; }

    /// <summary>The campaign's records.</summary>
    [JsonPropertyName("records")] public List<SandboxRecord> Records { get; set; } = [];
}

/// <summary>A campaign record.</summary>
public sealed class SandboxRecord
{
    /// <summary>Record id (assigned when not given).</summary>
    [JsonPropertyName("record_id")] public long RecordId { get; set; }

    /// <summary>The CRM customer the record is for.</summary>
    [JsonPropertyName("customer_id")] public long CustomerId { get; set; }

    /// <summary>In a call: removal answers CALL_IN_PROGRESS.</summary>
    [JsonPropertyName("in_call")] public bool InCall { get; set; }
}

/// <summary>A custom-field group.</summary>
public sealed class SandboxFieldGroup
{
    /// <summary>Group id.</summary>
    [JsonPropertyName("group_id")] public long GroupId { get; set; }

    /// <summary>Its fields.</summary>
    [JsonPropertyName("fields")] public List<SandboxField> Fields { get; set; } = [];
}

/// <summary>A field of a custom-field group.</summary>
public sealed class SandboxField
{
    /// <summary>Field id.</summary>
    [JsonPropertyName("field_id")] public long FieldId { get; set; }

    /// <summary>Field name.</summary>
    [JsonPropertyName("name")] public string Name { get; set; } = "";
}

/// <summary>A stored custom-field group item.</summary>
public sealed class SandboxFieldGroupItem
{
    /// <summary>Item id.</summary>
    [JsonPropertyName("item_id")] public long ItemId { get; set; }

    /// <summary>Group id.</summary>
    [JsonPropertyName("group_id")] public long GroupId { get; set; }

    /// <summary>Customer id.</summary>
    [JsonPropertyName("customer_id")] public long CustomerId { get; set; }

    /// <summary>The values as sent: <c>[{"field_id", "value"}]</c>.</summary>
    [JsonPropertyName("values")] public JsonArray Values { get; set; } = [];
}

/// <summary>One <c>/api/</c> request the sandbox received.</summary>
public sealed class SandboxRequest
{
    /// <summary>HTTP method.</summary>
    [JsonPropertyName("method")] public string Method { get; set; } = "";

    /// <summary>Path and query as received.</summary>
    [JsonPropertyName("target")] public string Target { get; set; } = "";

    /// <summary>The status answered; 0 when a fault rule dropped the connection.</summary>
    [JsonPropertyName("status")] public int Status { get; set; }

    /// <summary>How many items the request carried (list values in the query, customers in the body, 1 otherwise).</summary>
    [JsonPropertyName("items")] public int Items { get; set; }

    /// <summary>The User-Agent header (beyond the contract: lets clients check what they identify as).</summary>
    [JsonPropertyName("user_agent")] public string? UserAgent { get; set; }

    /// <summary>The Accept header (beyond the contract).</summary>
    [JsonPropertyName("accept")] public string? Accept { get; set; }
}

/// <summary>Everything the sandbox holds: the shape of <c>GET /_sandbox/state</c> and of <c>POST /_sandbox/seed</c>.</summary>
public sealed class SandboxState
{
    /// <summary>Customers with every field given, plus <c>customer_id</c>.</summary>
    [JsonPropertyName("customers")] public List<JsonObject> Customers { get; set; } = [];

    /// <summary>Campaigns.</summary>
    [JsonPropertyName("campaigns")] public List<SandboxCampaign> Campaigns { get; set; } = [];

    /// <summary>Custom-field groups.</summary>
    [JsonPropertyName("field_groups")] public List<SandboxFieldGroup> FieldGroups { get; set; } = [];

    /// <summary>Custom-field group items.</summary>
    [JsonPropertyName("field_group_items")] public List<SandboxFieldGroupItem> FieldGroupItems { get; set; } = [];

    /// <summary>Every <c>/api/</c> request received, in order.</summary>
    [JsonPropertyName("requests")] public List<SandboxRequest> Requests { get; set; } = [];
}
