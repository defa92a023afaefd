namespace ThuliumPS.Sandbox.Faults;

/// <summary>The fault rules in force, each with the hits it has left. Thread-safe.</summary>
public sealed class FaultBook
{
    private readonly object gate = new();
    private List<(FaultRule Rule, int Left)> rules = [];

    /// <summary>Replaces every rule.</summary>
    public void Replace(IEnumerable<FaultRule> newRules)
    {
        ArgumentNullException.ThrowIfNull(newRules);
        var list = newRules.Select(r => (r, r.Times ?? 1)).ToList();
        lock (gate)
        {
            rules = list;
        }
    }

    /// <summary>Removes every rule.</summary>
    public void Clear() => Replace([]);

    /// <summary>The first rule matching the request, spending one of its hits; null when none matches.</summary>
    public FaultRule? Take(string method, string path)
    {
        lock (gate)
        {
            for (var i = 0; i < rules.Count; i++)
            {
                var (rule, left) = rules[i];
                if (left <= 0
                    || (rule.Method is not null && !string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase))
                    || (rule.Path is not null && !path.StartsWith(rule.Path, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                rules[i] = (rule, left - 1);
                return rule;
            }

            return null;
        }
    }
}
