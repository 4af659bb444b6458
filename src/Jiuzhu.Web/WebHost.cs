using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Jiuzhu.Cli.Demo;
using Jiuzhu.Data;
using Jiuzhu.Identity;
using Jiuzhu.Identity.Domain;
using Jiuzhu.Kernel;
using Jiuzhu.Web.Api;
using Jiuzhu.Web.Components;
using Jiuzhu.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;
using Scalar.AspNetCore;

namespace Jiuzhu.Web;

/// <summary>The web platform: pages, API, authentication and start-up.</summary>
public static class WebHost
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en-US")];

    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
            await PrepareDatabaseAsync(app);
        }
        catch (Exception ex) when (ex is DatabaseUnavailableException or PlatformConfigurationException)
        {
            Console.Error.WriteLine($"错误 / error: {ex.Message}");
            return 1;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
            {
                Console.WriteLine($"救助 Jiuzhu 已启动 / is running: {url}");
            }
        });
        await app.RunAsync();
        return 0;
    }

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(WebHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseStaticWebAssets();
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => o.IncludeScopes = false);

        var services = builder.Services;
        services.AddJiuzhuPlatform(builder.Configuration);
        services.AddHttpContextAccessor();
        // Chinese text is written as text, not as numeric character references.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddScoped<CircuitUser>();
        services.AddScoped<CircuitHandler, CircuitUserHandler>();
        services.AddScoped<ICurrentActor, WebActor>();
        services.AddScoped<HomeSummary>();
        services.AddScoped<FreshScope>();

        services.AddJiuzhuIdentityWeb();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddMudServices();
        services.AddTransient<MudBlazor.MudLocalizer, ChineseMudLocalizer>();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "救助 Jiuzhu API";
            document.Info.Description = "服务类社会救助平台接口。人员使用登录会话；部门系统在请求头 X-Api-Key 中携带接口密钥。错误以 RFC 9457 problem details 返回，code 为稳定的错误代码，detail 为中文说明。";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks();

        var app = builder.Build();
        // Unexpected failures: an error page for people, RFC 9457 problem details for the API.
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), b => b.UseExceptionHandler());
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), b => b.UseExceptionHandler("/error", createScopeForErrors: true));
        // Pages get a friendly page for 404 and the like; the API keeps its own status codes and bodies.
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePagesWithReExecute("/not-found"));
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("zh-CN"),
            SupportedCultures = Cultures,
            SupportedUICultures = Cultures,
            RequestCultureProviders = [new CookieRequestCultureProvider()],
        });
        app.UseAuthentication();
        app.UseTwoFactorEnrolmentGate();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapHealth();
        app.MapCulture();
        app.MapAccountEndpoints();
        app.MapOpenApi();
        // The reference page works offline: its script is served from the package, and no web fonts are fetched.
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("救助 Jiuzhu API").DisableDefaultFonts());
        var api = app.MapGroup("/api/v1").RequireAuthorization();
        ApiEndpoints.Map(api);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>Migrates the database, makes sure the roles exist and, in demo mode, seeds an empty one.</summary>
    public static async Task PrepareDatabaseAsync(WebApplication app)
    {
        await JiuzhuDatabase.MigrateAsync(app.Services);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().EnsureRolesAsync();
        }

        var catalog = await Jiuzhu.Cli.CatalogCommands.EnsureNationalBaseAsync(app.Services, app.Configuration["Catalog:File"], app.Lifetime.ApplicationStopping);
        if (!catalog.IsSuccess)
        {
            Console.Error.WriteLine($"国家基本目录未载入 / national base catalog not loaded: {catalog.Error!.Message}");
        }

        var demo = app.Services.GetRequiredService<DemoOptions>();
        if (!demo.Enabled || !app.Configuration.GetValue("Demo:SeedOnStart", true))
        {
            return;
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<JiuzhuDbContext>().Users.AnyAsync())
            {
                return;
            }
        }

        Console.WriteLine("首次启动：载入演示县… / first start: loading the demo county…");
        try
        {
            var result = await new DemoSeeder(app.Services).SeedAsync(new DemoSeedOptions(demo.County, demo.Households, demo.Seed, app.Configuration["Regions:DivisionsDir"]), Console.Out, app.Lifetime.ApplicationStopping);
            PrintDemoAccounts(result);
        }
        catch (DemoSeedException ex)
        {
            Console.Error.WriteLine($"演示数据未载入 / demo data not loaded: {ex.Message}");
        }
    }

    private static void PrintDemoAccounts(DemoSeedResult result)
    {
        Console.WriteLine($"演示数据：{result.Households} 户 {result.Persons} 人（{result.Seconds} 秒）/ demo data: {result.Households} households, {result.Persons} persons");
        Console.WriteLine($"演示账号（仅供演示，密码均为 {result.Password}）/ demo accounts (demo only, password {result.Password}):");
        foreach (var a in result.Accounts)
        {
            var mfa = a.TwoFactor ? "  [动态口令 TOTP: ./jiuzhu demo totp " + a.UserName + "]" : string.Empty;
            Console.WriteLine($"  {a.UserName,-16} {Roles.ChineseTitle(a.Role),-12} {a.Jurisdiction}{mfa}");
        }

        if (result.TotpKey is not null)
        {
            Console.WriteLine($"演示管理员的动态口令密钥 / demo administrators' TOTP key: {result.TotpKey}");
        }
    }

    private static void MapHealth(this WebApplication app) =>
        app.MapGet("/health", async (JiuzhuDbContext db, DatabaseOptions options, CancellationToken ct) =>
        {
            var reachable = await db.Database.CanConnectAsync(ct);
            var body = new { status = reachable ? "ok" : "unavailable", database = new { provider = options.IsPostgres ? "postgres" : "sqlite", reachable } };
            return reachable ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous();

    private static void MapCulture(this WebApplication app) =>
        app.MapGet("/culture/set", (string culture, string? redirectUri, HttpContext http) =>
        {
            if (Cultures.Any(c => c.Name == culture))
            {
                http.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            }

            return Results.LocalRedirect(IdentityWeb.SafeReturnUrl(redirectUri));
        }).AllowAnonymous().ExcludeFromDescription();
}
