using System.CommandLine;
using Jiuzhu.Data;
using Jiuzhu.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Cli;

internal static class UsersCommands
{
    public static Command Create()
    {
        var users = new Command("users", "账号 / accounts");
        var user = new Option<string>("--user") { Description = "用户名 / login name", Required = true };
        var name = new Option<string>("--name") { Description = "姓名 / display name", Required = true };
        var jurisdiction = new Option<string>("--jurisdiction") { Description = "管辖范围区划代码 / jurisdiction region code", Required = true };
        var role = new Option<string[]>("--role") { Description = "角色代码，可重复 / role code, repeatable (e.g. system-admin)" };
        var department = new Option<string?>("--department") { Description = "部门代码（部门联络员）/ department code for liaisons" };
        var create = new Command("create", "创建账号；密码从标准输入读取 / create an account; the password is read from standard input")
        {
            user, name, jurisdiction, role, department,
        };
        create.SetAction((result, ct) => JiuzhuCommandLine.Guard(async () =>
        {
            var password = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n');
            if (string.IsNullOrEmpty(password))
            {
                return JiuzhuCommandLine.Fail("请从标准输入提供密码 / provide the password on standard input");
            }

            using var host = CliHost.Build();
            await JiuzhuDatabase.MigrateAsync(host.Services, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            await admin.EnsureRolesAsync();
            var created = await admin.CreateAsync(new CreateUserRequest(
                result.GetValue(user)!, result.GetValue(name)!, result.GetValue(jurisdiction)!, password,
                result.GetValue(department), result.GetValue(role) ?? []));
            if (!created.IsSuccess)
            {
                return JiuzhuCommandLine.Fail($"{created.Error!.Code}: {created.Error.Message}");
            }

            JiuzhuCommandLine.WriteResult(created.Value);
            return 0;
        }));
        users.Subcommands.Add(create);
        return users;
    }
}
