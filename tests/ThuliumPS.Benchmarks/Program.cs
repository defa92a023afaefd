using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ThuliumPS.Benchmarks;

// In-process: the sandbox runs inside the benchmark process, and no child project has to be built offline.
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(ImportThroughputBenchmark).Assembly).Run(args, config);
