// Compiled by EndToEndCase.ps1 (Add-Type) for the profile stages only: a cmdlet that does, per piped row, the
// module's per-row work up to a given stage and nothing more, so each stage's cost is the difference between two
// runs of the same pipeline. It reaches the module's internals by reflection (once, not per row): the numbers are for
// the src/ owners to act on, nothing here is part of the module.
using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Reflection;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Connection;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Input;
using ThuliumPS.Core.Models;
using ThuliumPS.Results;

namespace ThuliumPS.Benchmarks.Probe
{
    [Cmdlet(VerbsDiagnostic.Test, "ThuliumStage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    public sealed class TestThuliumStageCommand : PSCmdlet
    {
        // 1 bind only; 2 + PSInput.Item (PSObject -> row copy); 3 + CustomerInputMapper.Map (column resolution,
        // validation); 4 + Describe + ShouldProcess; 5 + result object + WriteObject; 6 + JSON body per batch of 100.
        [Parameter(Mandatory = true)] public int Stage { get; set; }
        [Parameter(ValueFromPipeline = true)] public PSObject InputObject { get; set; }

        private static readonly Func<object, RowReader, bool, InputItem> ItemOf = CreateItemOf();
        private readonly RowReader rows = new RowReader();
        // An endpoint over a client that never sends: only its request building is measured.
        private static readonly CreateCustomersEndpoint Endpoint = new CreateCustomersEndpoint(new ThuliumClient(
            ThuliumConnectionSettings.ForBaseUri(new Uri("https://127.0.0.1:9/api/"), new System.Net.NetworkCredential("api_user", "api_pass"))));
        private static readonly MethodInfo BuildRequest = typeof(CreateCustomersEndpoint)
            .GetMethod("BuildRequest", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
        private static readonly ConstructorInfo PlannedItemCtor = typeof(PlannedItem<CustomerDraft>)
            .GetConstructors(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)[0];
        private static readonly Action<ThuliumItemResult, int> SetIndex = Setter<ThuliumItemResult, int>("InputIndex");
        private static readonly Action<ThuliumItemResult, object> SetInput = Setter<ThuliumItemResult, object>("InputObject");
        private static readonly Action<CustomerCreationResult, string> SetName = Setter<CustomerCreationResult, string>("Name");
        private static readonly Action<CustomerCreationResult, string> SetSurname = Setter<CustomerCreationResult, string>("Surname");

        private static Action<T, TValue> Setter<T, TValue>(string name) =>
            (Action<T, TValue>)typeof(T).GetProperty(name).GetSetMethod(true).CreateDelegate(typeof(Action<T, TValue>));

        private readonly EngineMessageQueue log = new EngineMessageQueue();
        private CustomerInputMapper mapper;
        private readonly List<PlannedItem<CustomerDraft>> batch = new List<PlannedItem<CustomerDraft>>(100);
        private int index;
        public long BodyBytes;

        private static Func<object, RowReader, bool, InputItem> CreateItemOf()
        {
            var type = typeof(CustomerCreationResult).Assembly.GetType("ThuliumPS.Commands.PSInput", true);
            var method = type.GetMethod("Item", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);
            return (Func<object, RowReader, bool, InputItem>)method.CreateDelegate(typeof(Func<object, RowReader, bool, InputItem>));
        }

        protected override void ProcessRecord()
        {
            if (Stage < 2) return;
            var item = ItemOf(InputObject, rows, true);
            if (Stage < 3) return;
            if (mapper == null) mapper = new CustomerInputMapper(log);
            var mapped = mapper.Map(item);
            while (log.TryTake(out _)) { }
            if (Stage < 4) return;
            var draft = mapped.Value;
            var description = "Performing the operation \"Create\" on target \"Customer '" + draft.Name + " " + draft.Surname + "'\".";
            ShouldProcessReason reason;
            if (!ShouldProcess(description, description, "Confirm", out reason)) return;
            if (Stage < 5) return;
            // The module fills these through internal setters; here through delegates made once.
            var result = new CustomerCreationResult();
            SetIndex(result, index);
            SetInput(result, InputObject);
            SetName(result, draft.Name);
            SetSurname(result, draft.Surname);
            WriteObject(result);
            if (Stage < 6) { index++; return; }
            batch.Add((PlannedItem<CustomerDraft>)PlannedItemCtor.Invoke(new object[] { index++, draft }));
            if (batch.Count == 100) Flush();
        }

        protected override void EndProcessing()
        {
            if (batch.Count > 0) Flush();
        }

        private void Flush()
        {
            var request = BuildRequest.Invoke(Endpoint, new object[] { string.Empty, batch.ToArray() });
            GC.KeepAlive(request);
            batch.Clear();
        }
    }
}
