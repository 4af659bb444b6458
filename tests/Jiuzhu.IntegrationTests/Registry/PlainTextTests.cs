using System.Diagnostics;
using System.Text;
using Jiuzhu.Cli.Demo;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel.Protection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Jiuzhu.IntegrationTests.Registry;

public sealed class PlainTextTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Demo_identity_and_phone_numbers_appear_nowhere_in_the_stored_database(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var secrets = new List<string>();
        await using (var platform = await TestPlatform.StartAsync(db))
        {
            await new DemoSeeder(platform.Services).SeedAsync(new DemoSeedOptions("371121", 80, 7, Divisions()), TextWriter.Null);

            // The numbers as they were registered, recovered through the key ring.
            var protector = platform.Services.GetRequiredService<IFieldProtector>();
            await using var context = db.CreateContext();
            foreach (var p in context.Persons.Select(p => new { p.IdNumberCipher, p.PhoneCipher }).ToList())
            {
                secrets.Add(protector.Unprotect(p.IdNumberCipher));
                if (p.PhoneCipher is not null)
                {
                    secrets.Add(protector.Unprotect(p.PhoneCipher));
                }
            }
        }

        Assert.True(secrets.Count > 150, $"only {secrets.Count} numbers");
        var stored = engine == Engine.Sqlite ? SqliteBytes(db) : await PostgresDumpAsync(db);
        var found = secrets.Where(s => stored.Contains(s, StringComparison.Ordinal)).ToList();
        Assert.True(found.Count == 0, $"{found.Count} numbers stored in plain text");

        // Counter-check: the search itself works on this storage (a stored, non-secret value is found).
        await using var check = db.CreateContext();
        Assert.Contains(check.Persons.Select(p => p.IdNumberMasked).First(), stored);
    }

    private static string Divisions() => Geo.GeoFixtures.SharedDivisions;

    internal static string SqliteBytes(TestDatabase db)
    {
        SqliteConnection.ClearAllPools();
        var text = new StringBuilder();
        foreach (var file in new[] { db.Options.SqlitePath, db.Options.SqlitePath + "-wal" }.Where(File.Exists))
        {
            text.Append(Encoding.UTF8.GetString(File.ReadAllBytes(file)));
        }

        return text.ToString();
    }

    internal static async Task<string> PostgresDumpAsync(TestDatabase db)
    {
        var pgDump = Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => d).Select(d => Path.Combine(d, "bin", "pg_dump")).Last(File.Exists);
        var b = new NpgsqlConnectionStringBuilder(db.Options.ConnectionString);
        var start = new ProcessStartInfo(pgDump, ["-h", b.Host!, "-p", b.Port.ToString(), "-U", b.Username!, "-d", b.Database!, "--no-owner"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var dump = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        return dump;
    }
}
