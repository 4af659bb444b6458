using Jiuzhu.Data;
using Jiuzhu.Kernel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jiuzhu.Cli;

/// <summary>The service container of a command: the platform's modules and database, acting as the system.</summary>
public static class CliHost
{
    /// <summary>Builds the host; <paramref name="overrides"/> replace configuration values (tests use this).</summary>
    public static IHost Build(IDictionary<string, string?>? overrides = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        // stdout carries the JSON result; every log line goes to stderr.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddJiuzhuPlatform(builder.Configuration);
        builder.Services.AddScoped<ICurrentActor>(sp => sp.GetRequiredService<ActorOverride>().Actor ?? FixedActor.System($"cli:{Environment.UserName}"));
        return builder.Build();
    }
}
