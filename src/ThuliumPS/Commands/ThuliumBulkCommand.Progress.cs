using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Outcomes;
using ThuliumPS.Results;

namespace ThuliumPS.Commands;

/// <summary>
/// Progress and the run summary of a bulk cmdlet. Kept apart from the command's anatomy: it only watches the
/// outcomes the command writes, through three hooks — <see cref="StartRun"/> (BeginProcessing),
/// <see cref="Count"/> (after each result is written) and <see cref="EndRun"/> (once, wherever the command ends).
/// Everything here runs on the pipeline thread; the numbers come from Core (<see cref="RunStatistics"/>,
/// <see cref="RunProgress"/>, the runner's request counters).
/// </summary>
public abstract partial class ThuliumBulkCommand<TItem, TResult>
{
    // Arbitrary but fixed: progress records are keyed by (command instance, activity id), so one id per command is enough.
    private const int ProgressActivityId = 1;

    // The parameters that take pipeline input, per cmdlet type: read off the declarations once.
    private static readonly ConcurrentDictionary<Type, string[]> PipelineParameters = new();

    // Activity texts of the five cmdlets; another bulk cmdlet gets its action and noun.
    private static readonly Dictionary<string, string> Activities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["New-ThuliumCustomer"] = "Creating Thulium customers",
        ["Remove-ThuliumCustomer"] = "Removing Thulium customers",
        ["Remove-ThuliumCampaign"] = "Removing Thulium campaigns",
        ["Remove-ThuliumCrmRecord"] = "Removing Thulium CRM records",
        ["Add-ThuliumFieldGroupItem"] = "Adding Thulium field group items",
    };

    private RunStatistics? statistics;
    private RunProgress? progress; // null when $ProgressPreference is SilentlyContinue or Ignore: nothing is built at all
    private string activity = string.Empty;
    private bool runEnded;

    /// <summary>Starts the run's clock and counts; decides once whether progress is shown.</summary>
    private void StartRun()
    {
        statistics = new RunStatistics(Runner.Requests);
        if (!ProgressWanted())
        {
            return;
        }

        var name = MyInvocation.MyCommand.Name;
        activity = Activities.TryGetValue(name, out var known) ? known : Action + " (" + name + ")";
        if (WhatIfRequested)
        {
            activity += " (-WhatIf: nothing is sent)";
        }

        progress = new RunProgress(statistics, KnownTotal());
    }

    /// <summary>Counts one written result; shows progress when an update is due (about four a second at most).</summary>
    private void Count(ItemOutcome outcome)
    {
        statistics?.Record(outcome);
        if (progress is not null && progress.Due())
        {
            WriteProgress(ProgressRecordOf(progress, ProgressRecordType.Processing));
        }
    }

    /// <summary>
    /// Once per command, wherever it ends (all written, -ErrorAction Stop, a 401/403): the final Completed progress
    /// record, the summary to the Information stream (tag <see cref="ThuliumRunSummary.Tag"/>) and the same numbers as
    /// one verbose line. Called before a terminating error is thrown, so the summary is never lost to it.
    /// </summary>
    private void EndRun()
    {
        if (runEnded || statistics is null)
        {
            return;
        }

        runEnded = true;
        if (progress is not null)
        {
            WriteProgress(ProgressRecordOf(progress, ProgressRecordType.Completed));
        }

        var summary = ThuliumRunSummary.From(MyInvocation.MyCommand.Name, statistics);
        WriteInformation(summary, [ThuliumRunSummary.Tag]);
        WriteVerbose(summary.ToString());
    }

    private ProgressRecord ProgressRecordOf(RunProgress run, ProgressRecordType type) =>
        new(ProgressActivityId, activity, run.Status())
        {
            PercentComplete = type == ProgressRecordType.Completed && run.KnownTotal is not null ? 100 : run.PercentComplete(),
            SecondsRemaining = type == ProgressRecordType.Completed ? -1 : run.SecondsRemaining(),
            RecordType = type,
        };

    /// <summary>False under $ProgressPreference (or -ProgressAction) SilentlyContinue or Ignore.</summary>
    private bool ProgressWanted()
    {
        var preference = MyInvocation.BoundParameters.TryGetValue("ProgressAction", out var given) ? given : GetVariableValue("ProgressPreference");
        var text = Convert.ToString(preference, CultureInfo.InvariantCulture);
        return !string.Equals(text, nameof(ActionPreference.SilentlyContinue), StringComparison.OrdinalIgnoreCase)
               && !string.Equals(text, nameof(ActionPreference.Ignore), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// How many items this command will have, when that is known before the first: nothing is piped in, so
    /// ProcessRecord runs once, over the array given by parameter (-InputObject $rows, -Id 1..500), or over the one
    /// item a typed call describes. Null for piped input, whose length nobody knows in advance.
    /// </summary>
    private int? KnownTotal()
    {
        if (MyInvocation.ExpectingInput)
        {
            return null;
        }

        var names = PipelineParameters.GetOrAdd(GetType(), static type => type.GetProperties()
            .Where(p => p.GetCustomAttributes(typeof(ParameterAttribute), true).Cast<ParameterAttribute>().Any(a => a.ValueFromPipeline))
            .Select(p => p.Name)
            .ToArray());
        foreach (var name in names)
        {
            if (MyInvocation.BoundParameters.TryGetValue(name, out var value))
            {
                // Counted as PSInput.Items reads it: a string or a hashtable is one item, a collection its elements.
                var plain = value is PSObject wrapped ? wrapped.BaseObject : value;
                return plain switch
                {
                    string or IDictionary => 1,
                    ICollection collection => collection.Count,
                    IEnumerable => null,
                    _ => 1,
                };
            }
        }

        return 1;
    }
}
