using System.CommandLine;
using Jiuzhu.Cli.Demo;
using Jiuzhu.Data;
using Jiuzhu.Identity;
using Jiuzhu.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Cli;

internal static class DemoCommands
{
    public static Command Create()
    {
        var demo = new Command("demo", "演示数据 / demo data (demo-only credentials)");

        var households = new Option<int?>("--households") { Description = "演示户数 / number of households (default: Demo:Households, 5000)" };
        var seed = new Option<int?>("--seed") { Description = "随机种子 / random seed (same seed, same data)" };
        var county = new Option<string?>("--county") { Description = "县级区划代码 / 6-digit county code (default 371121 五莲县)" };
        var seedCommand = new Command("seed", "载入演示县：区划、演示账号与合成家庭 / load the demo county: regions, demo accounts, synthetic households")
        {
            households, seed, county,
        };
        seedCommand.SetAction((result, ct) => JiuzhuCommandLine.Guard(async () =>
        {
            using var host = CliHost.Build();
            await JiuzhuDatabase.MigrateAsync(host.Services, ct);
            var defaults = host.Services.GetRequiredService<DemoOptions>();
            var options = new DemoSeedOptions(
                result.GetValue(county) ?? defaults.County,
                result.GetValue(households) ?? defaults.Households,
                result.GetValue(seed) ?? defaults.Seed,
                host.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Regions:DivisionsDir"]);
            try
            {
                var outcome = await new DemoSeeder(host.Services).SeedAsync(options, Console.Error, ct);
                JiuzhuCommandLine.WriteResult(outcome);
                return 0;
            }
            catch (DemoSeedException ex)
            {
                return JiuzhuCommandLine.Fail(ex.Message);
            }
        }));
        demo.Subcommands.Add(seedCommand);

        var user = new Argument<string>("user") { Description = "演示账号 / demo account" };
        var totp = new Command("totp", "显示演示管理员当前的动态口令 / print the current TOTP code of a demo administrator") { user };
        totp.SetAction((result, ct) => JiuzhuCommandLine.Guard(async () =>
        {
            using var host = CliHost.Build();
            if (!host.Services.GetRequiredService<DemoOptions>().Enabled)
            {
                return JiuzhuCommandLine.Fail("演示模式未开启 / demo mode is off");
            }

            await using var scope = host.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<JiuzhuUser>>();
            var account = await users.FindByNameAsync(result.GetValue(user)!);
            if (account is not { IsDemo: true, TwoFactorEnabled: true })
            {
                return JiuzhuCommandLine.Fail("只能为启用了动态口令的演示账号显示口令 / only demo accounts with TOTP have codes here");
            }

            var key = await users.GetAuthenticatorKeyAsync(account);
            if (string.IsNullOrEmpty(key))
            {
                return JiuzhuCommandLine.Fail("该账号没有动态口令密钥 / this account has no authenticator key");
            }

            var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            JiuzhuCommandLine.WriteResult(new { user = account.UserName, code = Totp.Code(key, now), validForSeconds = 30 - (now.ToUnixTimeSeconds() % 30) });
            return 0;
        }));
        demo.Subcommands.Add(totp);
        return demo;
    }
}
