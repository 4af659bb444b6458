using System.Net;
using Jiuzhu.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.IntegrationTests.Infrastructure;

/// <summary>The real web host on a free loopback port, pointed at a test database.</summary>
public sealed class TestPlatform : IAsyncDisposable
{
    private TestPlatform(WebApplication app, Uri address, TestDatabase database)
    {
        App = app;
        Address = address;
        Database = database;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public TestDatabase Database { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<TestPlatform> StartAsync(TestDatabase database, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(database.Settings)
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Demo:Enabled"] = "true",
            ["Demo:SeedOnStart"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }

        var args = all.Where(kv => kv.Value is not null).Select(kv => $"--{kv.Key}={kv.Value}").ToArray();
        var app = WebHost.Build(args);
        await WebHost.PrepareDatabaseAsync(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestPlatform(app, new Uri(address), database);
    }

    /// <summary>A client with its own cookie jar that does not follow redirects, so tests can see them.</summary>
    public HttpClient CreateClient(bool followRedirects = false)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = followRedirects, UseCookies = true };
        return new HttpClient(handler) { BaseAddress = Address };
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
