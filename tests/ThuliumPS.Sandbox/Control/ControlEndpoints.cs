using ThuliumPS.Sandbox.Api;
using ThuliumPS.Sandbox.Faults;
using ThuliumPS.Sandbox.State;

namespace ThuliumPS.Sandbox.Control;

/// <summary>The sandbox-only control API under <c>/_sandbox/</c> (no authentication).</summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_sandbox");
        control.MapGet("/state", (SandboxStore store) => Results.Json(store.Snapshot()));
        control.MapPost("/reset", (SandboxStore store, FaultBook faults, ApiLimits limits) =>
        {
            store.Reset();
            faults.Clear();
            // A fresh start for the limits too: a full token bucket (the options themselves stay).
            limits.Reset();
            return Results.NoContent();
        });
        control.MapPost("/seed", (SandboxState seed, SandboxStore store) =>
        {
            store.Seed(seed);
            return Results.NoContent();
        });
        control.MapPost("/faults", (List<FaultRule> rules, FaultBook faults) =>
        {
            faults.Replace(rules);
            return Results.NoContent();
        });
        control.MapDelete("/faults", (FaultBook faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
    }
}
