using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Jiuzhu.Audit;
using Jiuzhu.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Cli;

internal static class AuditCommands
{
    // The reason is half Chinese; keep it readable in the JSON line rather than \u-escaped.
    private static readonly JsonSerializerOptions Json = new(JiuzhuCommandLine.Json)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static Command Create()
    {
        var audit = new Command("audit", "审计日志 / audit trail");
        var verify = new Command("verify", "校验审计链是否完整（被修改、删除或调换顺序的记录）/ check the audit chain for edited, deleted or reordered entries");
        verify.SetAction((_, ct) => JiuzhuCommandLine.Guard(() => VerifyAsync(null, Console.Out, ct)));
        audit.Subcommands.Add(verify);
        return audit;
    }

    /// <summary>
    /// Walks the chain and prints {"entries":N,"ok":…,"firstBadEntry":…} on <paramref name="output"/>; exit code 0 only when
    /// the chain is whole. Writes no audit entry of its own, so verifying never changes what it verifies.
    /// </summary>
    internal static async Task<int> VerifyAsync(IDictionary<string, string?>? overrides, TextWriter output, CancellationToken ct)
    {
        using var host = CliHost.Build(overrides);
        await JiuzhuDatabase.MigrateAsync(host.Services, ct);
        await using var scope = host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(ct);
        await output.WriteLineAsync(JsonSerializer.Serialize(new VerifyResult(result.Entries, result.Ok, result.FirstBadEntry, result.Reason), Json));
        return result.Ok
            ? 0
            : JiuzhuCommandLine.Fail($"审计链自第 {result.FirstBadEntry} 条起不符 / the audit chain breaks at entry {result.FirstBadEntry}: {result.Reason}");
    }

    private sealed record VerifyResult(
        long Entries,
        bool Ok,
        long? FirstBadEntry,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason);
}
