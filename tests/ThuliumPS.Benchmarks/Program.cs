using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ThuliumPS.Benchmarks;

// `plain-sender …`: the end-to-end benchmark's yardstick (EndToEnd.ps1), not a BenchmarkDotNet run.
if (args.Length > 0 && args[0] == "plain-sender")
{
    return await PlainSender.RunAsync(args[1..]).ConfigureAwait(false);
}

// In-process: the sandbox runs inside the benchmark process, and no child project has to be built offline.
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(ImportThroughputBenchmark).Assembly).Run(args, config);
return 0;
