using ThuliumPS.Sandbox.Api;
using ThuliumPS.Sandbox.Control;
using ThuliumPS.Sandbox.Faults;
using ThuliumPS.Sandbox.State;

namespace ThuliumPS.Sandbox;

/// <summary>Builds the sandbox application: one place for the command line and the in-process start alike.</summary>
public static class SandboxApp
{
    /// <summary>Builds (does not start) the sandbox.</summary>
    /// <param name="options">The sandbox's options.</param>
    /// <param name="args">Command-line arguments for ASP.NET Core (e.g. <c>--urls</c>); may be empty.</param>
    /// <param name="urls">Where to listen when <paramref name="args"/> gives no <c>--urls</c>.</param>
    public static WebApplication Build(SandboxOptions options, string[] args, string urls = SandboxOptions.DefaultUrls)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(urls);
        }

        // Quiet by default: tests start many sandboxes, and request logging would drown their output.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<SandboxStore>();
        builder.Services.AddSingleton<FaultBook>();
        builder.Services.AddSingleton<ApiLimits>();

        var app = builder.Build();
        if (options.Demo)
        {
            app.Services.GetRequiredService<SandboxStore>().Seed(DemoData.Create());
        }

        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase), api => api.UseMiddleware<ApiGate>());
        var apiRoutes = app.MapGroup("/api");
        CustomerEndpoints.Map(apiRoutes, options);
        CampaignEndpoints.Map(apiRoutes, options);
        FieldGroupItemEndpoints.Map(apiRoutes);
        ControlEndpoints.Map(app);
        return app;
    }
}
