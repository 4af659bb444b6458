using System.CommandLine;
using System.Text.Json;
using Jiuzhu.Data;
using Jiuzhu.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Cli;

/// <summary>`jiuzhu orders generate`: the coming windows' orders of every need a provider has taken on (run daily).</summary>
internal static class OrdersCommands
{
    public static Command Create()
    {
        var days = new Option<int>("--days") { Description = "生成未来多少天的订单（1–31，默认 7）/ days ahead (1–31, default 7)", DefaultValueFactory = _ => 7 };
        var generate = new Command("generate",
            "为已匹配的周期性需求生成未来各周期的服务订单（已有的不重复生成）/ create the orders of the coming windows for needs already taken on (idempotent)");
        generate.Options.Add(days);
        generate.SetAction((result, ct) => JiuzhuCommandLine.Guard(() => GenerateAsync(null, result.GetValue(days), Console.Out, ct)));
        var orders = new Command("orders", "服务订单 / service orders");
        orders.Subcommands.Add(generate);
        return orders;
    }

    internal static async Task<int> GenerateAsync(IDictionary<string, string?>? overrides, int days, TextWriter output, CancellationToken ct)
    {
        using var host = CliHost.Build(overrides);
        await JiuzhuDatabase.MigrateAsync(host.Services, ct);
        await using var scope = host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<OrderService>().GenerateAsync(null, days, ct);
        if (!result.IsSuccess)
        {
            return JiuzhuCommandLine.Fail(result.Error!.Message);
        }

        await output.WriteLineAsync(JsonSerializer.Serialize(result.Value, JiuzhuCommandLine.Json));
        return 0;
    }
}
