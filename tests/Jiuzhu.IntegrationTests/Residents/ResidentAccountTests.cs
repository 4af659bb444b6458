using System.Data.Common;
using System.Net;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Jiuzhu.Registry.Domain;
using Microsoft.EntityFrameworkCore;
using static Jiuzhu.IntegrationTests.Residents.ResidentKit;

namespace Jiuzhu.IntegrationTests.Residents;

public sealed class ResidentAccountTests
{
    private static readonly string NewId = ResidentId.Compose("371121", new DateOnly(1968, 4, 12), 233);

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Sign_up_refuses_bad_numbers_duplicates_and_weak_passwords_with_a_Chinese_message_and_creates_nothing(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        await StaffAsync(platform);
        using var client = platform.CreateClient();
        Assert.StartsWith("/account/login?done=registered", await SignUpAsync(client, "139 1234 0001", NewId.ToLowerInvariant()));
        int Accounts()
        {
            using var context = db.CreateContext();
            return context.Users.Count();
        }

        var before = Accounts();

        // A spreadsheet-mangled identity number: refused with the registry's own explanation, shown on the form.
        var location = await SignUpAsync(client, "13912340002", "3.71121E+17");
        Assert.Equal("/account/register?error=id.scientific_notation", location);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(location));
        Assert.Contains("科学计数法", page);
        Assert.Contains("value=\"13912340002\"", page);
        Assert.DoesNotContain("id=\"idNumber\" name=\"idNumber\" value", page);
        // The kept message is used once.
        Assert.DoesNotContain("科学计数法", WebUtility.HtmlDecode(await client.GetStringAsync(location)));

        var wrongCheck = NewId[..17] + (NewId[17] == '1' ? "2" : "1");
        Assert.StartsWith("/account/register?error=id.", await SignUpAsync(client, "13912340002", wrongCheck));
        Assert.Equal("/account/register?error=resident.phone_taken", await SignUpAsync(client, "139-1234-0001", ResidentId.Compose("371121", new DateOnly(1970, 1, 1), 11)));
        Assert.Equal("/account/register?error=resident.id_taken", await SignUpAsync(client, "13912340003", NewId));
        Assert.Equal("/account/register?error=resident.password_weak", await SignUpAsync(client, "13912340004", ResidentId.Compose("371121", new DateOnly(1971, 1, 1), 12), password: "abcdefghijk"));
        Assert.Equal("/account/register?error=resident.password_weak", await SignUpAsync(client, "13912340004", ResidentId.Compose("371121", new DateOnly(1971, 1, 1), 12), password: "Pw-13912340004"));
        Assert.Equal("/account/register?error=resident.password_mismatch", await SignUpAsync(client, "13912340004", ResidentId.Compose("371121", new DateOnly(1971, 1, 1), 12), confirm: "Jz-resident-2027"));
        Assert.Equal("/account/register?error=resident.phone_invalid", await SignUpAsync(client, "1391234", ResidentId.Compose("371121", new DateOnly(1971, 1, 1), 12)));
        Assert.Equal("/account/register?error=resident.name_required", await SignUpAsync(client, "13912340004", ResidentId.Compose("371121", new DateOnly(1971, 1, 1), 12), name: " "));
        Assert.Equal(before, Accounts());

        await using var context = db.CreateContext();
        var trail = context.AuditEntries.Where(e => e.Action == "resident.sign-up").OrderBy(e => e.Sequence).ToList();
        Assert.Equal(["success", "denied", "denied"], trail.Select(e => e.Outcome).ToArray());
        Assert.All(trail, e => Assert.DoesNotContain("1391234", e.Summary));
        Assert.DoesNotContain(context.AuditEntries.ToList(), e => e.Summary.Contains(NewId[..17], StringComparison.Ordinal));

        // The account has a random login name and the resident role only.
        var resident = context.Users.Single(u => u.IdNumberIndex != null);
        Assert.Matches("^r[a-z2-7]{10}$", resident.UserName);
        Assert.Equal([Roles.Resident], context.UserRoles.Where(r => r.UserId == resident.Id).Join(context.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).ToArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Neither_the_phone_nor_the_identity_number_is_stored_in_plain_text_in_the_users_table(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        await ResidentAsync(s, "13912345678", NewId);

        await using var context = db.CreateContext();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM \"AspNetUsers\"";
        var cells = new List<string>();
        await using (DbDataReader reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    cells.Add(reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                }
            }
        }

        Assert.True(cells.Count > 20, $"only {cells.Count} cells read");
        foreach (var secret in new[] { "13912345678", "2345678", NewId, NewId[..17], NewId[6..14] })
        {
            Assert.DoesNotContain(cells, c => c.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

        var resident = context.Users.Single(u => u.IdNumberIndex != null);
        Assert.Null(resident.PhoneNumber);
        Assert.Null(resident.Email);
        Assert.Equal(string.Empty, resident.Jurisdiction);

        // Counter-check: the numbers are there, encrypted, and the key ring recovers them.
        var protector = platform.Services.GetService(typeof(Jiuzhu.Kernel.Protection.IFieldProtector)) as Jiuzhu.Kernel.Protection.IFieldProtector;
        Assert.Equal("13912345678", protector!.Unprotect(resident.PhoneCipher!));
        Assert.Equal(NewId, protector.Unprotect(resident.IdNumberCipher!));
    }

    [Fact]
    public async Task A_resident_signs_in_with_the_phone_number_and_the_audit_trail_never_names_the_number()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        await ResidentAsync(s, "13912345678", NewId);

        // Spaces and dashes are fine; a wrong password and an unknown number are refused like any login.
        var (_, spaced) = await s.LoginAsync("139 1234 5678", Password);
        Assert.Equal("/me", spaced);
        Assert.StartsWith("/account/login?error=invalid", (await s.LoginAsync("13912345678", "Wrong-password-1")).Location);
        Assert.StartsWith("/account/login?error=invalid", (await s.LoginAsync("13700000000", Password)).Location);

        // Staff still sign in by name and land on the workbench.
        Assert.Equal("/", (await s.LoginAsync("worker.a")).Location);

        await using var context = db.CreateContext();
        var logins = context.AuditEntries.Where(e => e.Action == "auth.login").ToList();
        Assert.DoesNotContain(logins, e => e.ActorName.Contains("13912345678", StringComparison.Ordinal) || e.ActorName.Contains("13700000000", StringComparison.Ordinal));
        Assert.Contains(logins, e => e.ActorName == "137****0000" && e.Outcome == "failed");
        var account = context.Users.Single(u => u.IdNumberIndex != null).UserName;
        Assert.Contains(logins, e => e.ActorName == account && e.Outcome == "failed");
        Assert.Equal(2, logins.Count(e => e.ActorName == account && e.Outcome == "success"));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_a_resident_account_as_they_lock_staff()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        await ResidentAsync(s, "13912345678", NewId);
        for (var i = 0; i < 5; i++)
        {
            await s.LoginAsync("13912345678", "Wrong-password-1");
        }

        Assert.StartsWith("/account/login?error=locked", (await s.LoginAsync("13912345678", Password)).Location);
    }
}
