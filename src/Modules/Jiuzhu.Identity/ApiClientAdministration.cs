using Jiuzhu.Identity.Data;
using Jiuzhu.Identity.Domain;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Identity;

/// <summary>An API client as administrators see it; the key itself is never shown again.</summary>
public sealed record ApiClientSummary(
    Guid Id, string Name, string Department, string Jurisdiction, string KeyId, string CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>A newly issued key: shown once, to be handed to the department's system.</summary>
public sealed record IssuedApiKey(ApiClientSummary Client, string Key);

/// <summary>Issuing and revoking department API keys: the security administrator's job, inside their jurisdiction.</summary>
public sealed class ApiClientAdministration(IIdentityData data, ICurrentActor actor, IAuditTrail audit, IRegionLookup regions, TimeProvider clock)
{
    private static readonly Error Forbidden = Error.Forbidden("apiclient.forbidden", "只有安全管理员可以管理接口密钥。");

    public bool Allowed => actor.Kind == ActorKind.System || actor.IsInRole(Roles.SecurityAdmin);

    public async Task<Result<IReadOnlyList<ApiClientSummary>>> ListAsync(CancellationToken ct = default)
    {
        if (!Allowed)
        {
            return Forbidden;
        }

        // ApiClient is region-scoped: the context shows only clients inside the actor's jurisdiction.
        var rows = await data.ApiClients.AsNoTracking().OrderByDescending(c => c.CreatedAt).ToListAsync(ct);
        return rows.Select(Summarize).ToList();
    }

    public async Task<Result<IssuedApiKey>> IssueAsync(string name, string department, string jurisdiction, CancellationToken ct = default)
    {
        if (!Allowed)
        {
            return Forbidden;
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            return Error.Validation("apiclient.bad_name", "请填写接入系统名称（不超过 100 字）。");
        }

        if (!Departments.IsKnown(department))
        {
            return Error.Validation("apiclient.unknown_department", $"未知部门：{department}");
        }

        if (!RegionCode.TryParse(jurisdiction, out var code))
        {
            return Error.Validation("apiclient.bad_jurisdiction", $"管辖范围“{jurisdiction}”不是有效的区划代码。");
        }

        if (!actor.Scope.Permits(code))
        {
            return Error.Forbidden("apiclient.jurisdiction_outside", "只能在您自己的管辖范围内签发接口密钥。");
        }

        if (!await regions.ExistsAsync(code, ct))
        {
            return Error.Validation("apiclient.unknown_region", $"区划代码 {code.Value} 不存在。");
        }

        var (client, key) = ApiClient.Issue(name.Trim(), department, code, actor.Name, clock.GetUtcNow());
        data.ApiClients.Add(client);
        audit.Record(new AuditEvent("apiclient.issue", "apiclient", client.Id.ToString(), client.RegionCode, AuditOutcome.Success,
            $"为{Departments.Name(department)}签发接口密钥“{client.Name}”（{client.KeyId}），管辖 {client.RegionCode}"));
        await data.SaveChangesAsync(ct);
        return new IssuedApiKey(Summarize(client), key);
    }

    public async Task<Result<ApiClientSummary>> RevokeAsync(Guid id, CancellationToken ct = default)
    {
        if (!Allowed)
        {
            return Forbidden;
        }

        var client = await data.ApiClients.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return Error.NotFound("apiclient.not_found", "接口密钥不存在，或不在您的管辖范围内。");
        }

        client.Revoke(clock.GetUtcNow());
        audit.Record(new AuditEvent("apiclient.revoke", "apiclient", client.Id.ToString(), client.RegionCode, AuditOutcome.Success,
            $"吊销接口密钥“{client.Name}”（{client.KeyId}）"));
        await data.SaveChangesAsync(ct);
        return Summarize(client);
    }

    private static ApiClientSummary Summarize(ApiClient c) =>
        new(c.Id, c.Name, c.Department, c.RegionCode, c.KeyId, c.CreatedBy, c.CreatedAt, c.LastUsedAt, c.RevokedAt);
}
