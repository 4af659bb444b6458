using Jiuzhu.Audit;
using Jiuzhu.Geo;
using Jiuzhu.Identity;
using Jiuzhu.Kernel.Protection;
using Jiuzhu.Registry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Data;

/// <summary>Demo-mode settings. Configuration section "Demo".</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>When on, an empty database is seeded with the demo county on start, and demo keys are accepted.</summary>
    public bool Enabled { get; set; }

    public int Households { get; set; } = 5000;

    public int Seed { get; set; } = 20261129;

    public string County { get; set; } = "371121";
}

/// <summary>The composition of every module with the database: shared by the web host and the command line.</summary>
public static class JiuzhuPlatform
{
    public static IServiceCollection AddJiuzhuPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        var demo = configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
        var protection = configuration.GetSection(ProtectionOptions.Section).Get<ProtectionOptions>() ?? new ProtectionOptions();
        if (protection.KeysAreDemoOnly && !demo.Enabled)
        {
            throw new InvalidOperationException(
                "The configured Protection keys are the demo keys from the repository; set your own keys (Protection:Keys, Protection:IndexKey) or turn Demo:Enabled on.");
        }

        services.AddSingleton(demo);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IFieldProtector>(new AesGcmFieldProtector(protection));
        services.AddJiuzhuData(JiuzhuDatabase.ReadOptions(configuration));
        services.AddGeo();
        services.AddAudit();
        services.AddRegistry();
        services.AddJiuzhuIdentity<JiuzhuDbContext>();
        return services;
    }
}
