using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Jiuzhu.E2E;

/// <summary>
/// The real platform as a user runs it: the built `jiuzhu` host in its own process on a free loopback port,
/// with a fresh SQLite database seeded with the demo county on first start, and Debian's Chromium.
/// </summary>
public sealed class PlatformProcess : IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private Process? _process;
    private string _dataDir = string.Empty;

    public string BaseUrl { get; private set; } = string.Empty;

    public IPlaywright Playwright { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        var root = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var host = Path.Combine(root, "src", "Jiuzhu.Web", "bin", configuration, "net10.0", "jiuzhu.dll");
        if (!File.Exists(host))
        {
            throw new FileNotFoundException($"Build the solution first: {host} is missing.");
        }

        _dataDir = Path.Combine(Path.GetTempPath(), "jiuzhu-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataDir);
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", [host, "--urls", BaseUrl])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dataDir,
        };
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["Database__SqlitePath"] = Path.Combine(_dataDir, "jiuzhu.db");
        start.Environment["Demo__Enabled"] = "true";
        start.Environment["Demo__Households"] = "400";
        start.Environment["Identity__RevalidationSeconds"] = "3";
        start.Environment["Regions__DivisionsDir"] = Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "divisions"));
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForHealthAsync();

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Timeout = 60_000,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A fresh browser context (own cookies) at tablet size, in Chinese.</summary>
    /// <summary>The demo administrators' authenticator key (demo data only).</summary>
    public const string DemoTotpKey = "JZDEMO2FAKEYONLYFORDEMOACCOUNTSX";

    /// <summary>
    /// A new browser context signed in as a demo account (password Jiuzhu@2026; administrators with their demo
    /// authenticator code), on the home page once the app is ready.
    /// </summary>
    public async Task<IPage> SignInAsync(string userName, bool twoFactor = false)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync("Jiuzhu@2026");
        await page.GetByTestId("login-submit").ClickAsync();
        if (twoFactor)
        {
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/account/login-2fa"));
            await page.GetByLabel("动态口令").FillAsync(Jiuzhu.Identity.Totp.Code(DemoTotpKey, DateTimeOffset.UtcNow));
            await page.GetByTestId("totp-submit").ClickAsync();
        }

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/$"));
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        return page;
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1024, Height = 768 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return page;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitForHealthAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK && Output.Contains("is running", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"The host did not become healthy:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Jiuzhu.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Jiuzhu.slnx not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition("platform")]
public sealed class PlatformCollection : ICollectionFixture<PlatformProcess>;
