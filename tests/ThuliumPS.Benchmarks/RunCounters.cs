using System.Diagnostics;
using System.Runtime;

namespace ThuliumPS.Benchmarks;

/// <summary>
/// This process's CPU, JIT and GC counters (and a server process's CPU) at one moment; the difference of two is
/// what a timed run used. The plain sender reports the same figures EndToEndCase.ps1 reports for pwsh.
/// </summary>
internal readonly record struct RunCounters(
    TimeSpan Cpu, TimeSpan Jit, long JitMethods, int Gc0, int Gc1, int Gc2, TimeSpan GcPause, long AllocatedBytes, TimeSpan ServerCpu)
{
    public static RunCounters Read(Process? server)
    {
        server?.Refresh();
        using var self = Process.GetCurrentProcess();
        return new RunCounters(
            self.TotalProcessorTime,
            JitInfo.GetCompilationTime(),
            JitInfo.GetCompiledMethodCount(),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            GC.GetTotalPauseDuration(),
            GC.GetTotalAllocatedBytes(),
            server?.TotalProcessorTime ?? TimeSpan.Zero);
    }

    public static RunCounters operator -(RunCounters after, RunCounters before) => new(
        after.Cpu - before.Cpu,
        after.Jit - before.Jit,
        after.JitMethods - before.JitMethods,
        after.Gc0 - before.Gc0,
        after.Gc1 - before.Gc1,
        after.Gc2 - before.Gc2,
        after.GcPause - before.GcPause,
        after.AllocatedBytes - before.AllocatedBytes,
        after.ServerCpu - before.ServerCpu);
}
