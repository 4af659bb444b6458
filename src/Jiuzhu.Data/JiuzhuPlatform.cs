using Jiuzhu.Assessment;
using Jiuzhu.Audit;
using Jiuzhu.Cases;
using Jiuzhu.Catalog;
using Jiuzhu.Cases.Calendar;
using Jiuzhu.Geo;
using Jiuzhu.Identity;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;
using Jiuzhu.Providers;
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

/// <summary>The platform's configuration is unusable; the message is one line, fit for a console.</summary>
public sealed class PlatformConfigurationException(string message) : Exception(message);

/// <summary>The composition of every module with the database: shared by the web host and the command line.</summary>
public static class JiuzhuPlatform
{
    public static IServiceCollection AddJiuzhuPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        var demo = configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
        var protection = configuration.GetSection(ProtectionOptions.Section).Get<ProtectionOptions>() ?? new ProtectionOptions();
        if (protection.KeysAreDemoOnly && !demo.Enabled)
        {
            throw new PlatformConfigurationException(
                "加密密钥是仓库中的演示密钥，非演示模式下不能使用 / the Protection keys are the repository's demo keys: set your own (Protection:Keys, Protection:IndexKey) or turn Demo:Enabled on");
        }

        IFieldProtector protector;
        try
        {
            protector = new AesGcmFieldProtector(protection);
        }
        catch (InvalidOperationException ex)
        {
            throw new PlatformConfigurationException($"加密密钥配置有误 / protection keys misconfigured: {ex.Message}");
        }

        services.AddScoped<ActorOverride>();
        services.AddSingleton(demo);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(protector);
        services.AddJiuzhuData(JiuzhuDatabase.ReadOptions(configuration));
        services.AddGeo();
        services.AddAudit();
        services.AddRegistry();
        services.AddCases();
        services.AddCalendar();
        services.AddAssessment();
        services.AddCatalog();
        services.AddProviders();
        Jiuzhu.Orders.OrdersModule.AddOrders(services);
        services.AddJiuzhuIdentity<JiuzhuDbContext>();
        return services;
    }
}
