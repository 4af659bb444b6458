using System.Text.Json;
using Jiuzhu.Cli;
using Jiuzhu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.IntegrationTests.Audit;

public sealed class AuditVerifyCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Verify_prints_one_json_line_and_exits_0_on_a_whole_chain_and_1_on_a_broken_one(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var kit = new AuditTestKit(db);
        await kit.WriteManyAsync(12);

        var (code, line) = await RunAsync(db.Settings);
        Assert.Equal(0, code);
        Assert.Equal("""{"entries":12,"ok":true,"firstBadEntry":null}""", line);

        // Verifying from the command line leaves no trace, so it never changes what it verifies.
        await using (var context = db.CreateContext())
        {
            Assert.Equal(12, await context.AuditEntries.CountAsync());
        }

        await kit.DropAppendOnlyTriggersAsync();
        await kit.ExecuteAsync("""UPDATE audit_entries SET "Outcome" = 'denied' WHERE "Sequence" = 3""");
        (code, line) = await RunAsync(db.Settings);
        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(line);
        Assert.Equal(["entries", "ok", "firstBadEntry", "reason"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(12, json.RootElement.GetProperty("entries").GetInt64());
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(3, json.RootElement.GetProperty("firstBadEntry").GetInt64());
        Assert.Equal("hash mismatch / 哈希不符", json.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Verify_exits_1_with_nothing_on_stdout_when_the_database_cannot_be_reached()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=2",
        };
        var (code, line) = await RunAsync(settings);
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, line);
    }

    private static async Task<(int Code, string Line)> RunAsync(Dictionary<string, string?> settings)
    {
        settings["Demo:Enabled"] = "true";
        using var output = new StringWriter();
        var code = await JiuzhuCommandLine.Guard(() => AuditCommands.VerifyAsync(settings, output, CancellationToken.None));
        var text = output.ToString();
        Assert.True(text.Length == 0 || text.EndsWith('\n'));
        Assert.DoesNotContain('\n', text.TrimEnd('\n'));
        return (code, text.TrimEnd('\n'));
    }
}
