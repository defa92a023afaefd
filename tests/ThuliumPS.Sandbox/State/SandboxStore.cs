using System.Text.Json;
using System.Text.Json.Nodes;

namespace ThuliumPS.Sandbox.State;

/// <summary>
/// The sandbox's whole state behind one lock: requests arrive concurrently, and one coarse lock keeps every
/// batch atomic, which is what the real server's per-request transactions look like from outside.
/// </summary>
public sealed class SandboxStore
{
    private readonly object gate = new();
    private readonly CustomerCompactor compactor = new();
    private SandboxState state = new();
    private long nextCustomerId = 1;
    private long nextRecordId = 5000;
    private long nextItemId = 1;

    /// <summary>Runs <paramref name="action"/> with exclusive access to the state.</summary>
    public T Locked<T>(Func<SandboxState, T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (gate)
        {
            return action(state);
        }
    }

    /// <summary>A deep copy of the state, safe to serialise outside the lock.</summary>
    public SandboxState Snapshot() => Locked(s => JsonSerializer.Deserialize<SandboxState>(JsonSerializer.Serialize(s))!);

    /// <summary>Empties everything.</summary>
    public void Reset()
    {
        lock (gate)
        {
            state = new SandboxState();
            nextCustomerId = 1;
            nextRecordId = 5000;
            nextItemId = 1;
        }
    }

    /// <summary>Records one received <c>/api/</c> request.</summary>
    public void LogRequest(SandboxRequest request) => Locked(s => { s.Requests.Add(request); return 0; });

    /// <summary>Stores a customer and returns its new id.</summary>
    public long AddCustomer(SandboxState s, JsonObject customer)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(customer);
        var id = NewCustomerId();
        customer["customer_id"] = id;
        s.Customers.Add(customer);
        return id;
    }

    /// <summary>Takes the next customer id (for <see cref="AddCustomers"/>). Call inside <see cref="Locked{T}"/>.</summary>
    public long NewCustomerId() => nextCustomerId++;

    /// <summary>
    /// Stores a request's customers with the ids taken for them, in the compact form of
    /// <see cref="CustomerCompactor"/> (one copy of the whole batch). Call inside <see cref="Locked{T}"/>.
    /// </summary>
    public void AddCustomers(SandboxState s, IReadOnlyList<NewCustomer> customers)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(customers);
        if (customers.Count > 0)
        {
            s.Customers.AddRange(compactor.Compact(customers));
        }
    }

    /// <summary>Next record id.</summary>
    public long NewRecordId() => nextRecordId++;

    /// <summary>Next field group item id.</summary>
    public long NewItemId() => nextItemId++;

    /// <summary>Adds customers, campaigns and field groups, keeping the ids given (POST /_sandbox/seed).</summary>
    public void Seed(SandboxState seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        lock (gate)
        {
            foreach (var customer in seed.Customers)
            {
                var copy = (JsonObject)customer.DeepClone();
                if (copy["customer_id"] is JsonValue given && given.TryGetValue<long>(out var id))
                {
                    state.Customers.RemoveAll(c => CustomerId(c) == id);
                    state.Customers.Add(copy);
                    nextCustomerId = Math.Max(nextCustomerId, id + 1);
                }
                else
                {
                    AddCustomer(state, copy);
                }
            }

            foreach (var campaign in seed.Campaigns)
            {
                foreach (var record in campaign.Records.Where(r => r.RecordId == 0))
                {
                    record.RecordId = nextRecordId++;
                }

                nextRecordId = Math.Max(nextRecordId, campaign.Records.Select(r => r.RecordId + 1).DefaultIfEmpty(0).Max());
                state.Campaigns.RemoveAll(c => c.Id == campaign.Id);
                state.Campaigns.Add(campaign);
            }

            foreach (var group in seed.FieldGroups)
            {
                state.FieldGroups.RemoveAll(g => g.GroupId == group.GroupId);
                state.FieldGroups.Add(group);
            }
        }
    }

    /// <summary>The id of a stored customer.</summary>
    public static long CustomerId(JsonObject customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return customer["customer_id"]!.GetValue<long>();
    }
}
