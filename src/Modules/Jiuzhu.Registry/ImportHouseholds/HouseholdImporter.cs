using System.Data.Common;
using System.Diagnostics;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;
using Jiuzhu.Registry.Data;
using Jiuzhu.Registry.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Jiuzhu.Registry.ImportHouseholds;

/// <summary>
/// Bulk import of households from the documented template (docs/household-import.md): every row is checked first and
/// every problem reported with its line; any problem and nothing is written. Then the new households, their members
/// and category periods are encrypted in memory and written in one transaction through the engine's bulk path, with
/// one audit entry for the batch. Importing the same file again finds every person registered in the household the
/// file puts them in, and does nothing.
/// </summary>
public sealed class HouseholdImporter(
    IRegistryData data,
    IFieldProtector protector,
    ICurrentActor actor,
    IAuditTrail audit,
    IRegionLookup regions,
    TimeProvider clock)
{
    /// <summary>Rows a file may have; larger lists are split.</summary>
    public const int MaxRows = 500_000;

    /// <summary>Upload limit of the page and the API; the command line reads any size up to <see cref="MaxRows"/>.</summary>
    public const int MaxUploadBytes = 32 * 1024 * 1024;

    private const int LookupChunk = 2_000;

    /// <summary>Who may import: the roles that register households, and the platform itself (the command line).</summary>
    public bool CanImport => actor.Kind == ActorKind.System || HouseholdAdministration.Editors.Any(actor.IsInRole);

    /// <summary>Assistance categories are decided by the county (救助类别由县民政部门认定), so only the county imports them.</summary>
    public bool CanSetCategory => actor.Kind == ActorKind.System || actor.IsInRole(Roles.CountyOfficer);

    public async Task<Result<HouseholdImportResult>> ImportAsync(HouseholdImportRequest request, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        if (!CanImport)
        {
            return Error.Forbidden("import.forbidden", "您的角色不能批量导入家庭户。");
        }

        RegionCode? villageScope = null;
        if (!string.IsNullOrWhiteSpace(request.VillageScope))
        {
            if (!RegionCode.TryParse(request.VillageScope, out var scope))
            {
                return Error.Validation("import.bad_scope", $"“{request.VillageScope}”不是有效的区划代码。");
            }

            villageScope = scope;
        }

        var fileName = FileNameOf(request.FileName);
        var batch = new Batch(Guid.CreateVersion7(clock.GetUtcNow()), fileName, request, villageScope);
        var (sheet, unreadable) = SheetReader.Read(request.Content, request.Encoding, MaxRows);
        if (unreadable is not null)
        {
            batch.Problem(unreadable.Line, string.Empty, string.Empty, unreadable.Code, unreadable.Message);
            return await RejectAsync(batch, watch, ct);
        }

        batch.Format = sheet!.Format;
        batch.Encoding = sheet.Encoding;
        var rows = ReadRows(sheet, batch);
        if (rows is null)
        {
            return await RejectAsync(batch, watch, ct);
        }

        if (rows.Count == 0)
        {
            batch.Problem(sheet.Rows.FirstOrDefault()?.Line ?? 1, string.Empty, string.Empty, "import.no_rows",
                batch.ExampleRows > 0 ? "文件中只有模板的示例行，没有要导入的数据" : "文件中没有数据行");
            return await RejectAsync(batch, watch, ct);
        }

        var households = Group(rows, batch);
        await CheckRegionsAsync(rows, batch, ct);
        await ClassifyAsync(households, batch, ct);
        if (batch.Problems.Count > 0)
        {
            return await RejectAsync(batch, watch, ct);
        }

        var fresh = households.Where(h => h.Registered is null).ToList();
        if (request.CheckOnly)
        {
            var checkedResult = batch.Result(HouseholdImportResult.Checked, fresh, watch);
            await audit.WriteNowAsync(Event("household.import-check", batch, AuditOutcome.Success,
                $"预检家庭户导入文件“{fileName}”：{batch.Rows} 行，{households.Count} 户；可导入 {checkedResult.ImportedHouseholds} 户 {checkedResult.ImportedPersons} 人，已登记 {checkedResult.SkippedHouseholds} 户，未发现错误"), ct);
            return checkedResult;
        }

        if (fresh.Count == 0)
        {
            var nothing = batch.Result(HouseholdImportResult.AlreadyImported, fresh, watch);
            await audit.WriteNowAsync(Event("household.import", batch, AuditOutcome.Success,
                $"导入家庭户文件“{fileName}”：{households.Count} 户 {nothing.Persons} 人均已按文件的分户登记，无需导入，未作更改"), ct);
            return nothing;
        }

        return await WriteAsync(batch, fresh, watch, ct);
    }

    private async Task<Result<HouseholdImportResult>> WriteAsync(Batch batch, List<FileHousehold> fresh, Stopwatch watch, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var built = new List<Household>(fresh.Count);
        foreach (var spec in fresh)
        {
            var household = new Household(RegionCode.Parse(spec.Village!), spec.Address!, spec.Category, now);
            foreach (var row in spec.Rows)
            {
                var person = new Person(household, row.Name, row.IdNumber!, row.Relation!.Value, row.Needs, protector);
                if (row.Phone is not null)
                {
                    person.SetPhone(row.Phone, protector);
                }

                person.SetRegistrationRegion(row.RegistrationRegion);
                household.AddMember(person);
            }

            built.Add(household);
        }

        var result = batch.Result(HouseholdImportResult.Imported, fresh, watch);
        try
        {
            await using var tx = await data.Database.BeginTransactionAsync(ct);
            await HouseholdBulkWriter.InsertAsync(data, built, ct);
            audit.Record(Event("household.import", batch, AuditOutcome.Success,
                $"批量导入家庭户：文件“{batch.FileName}”，新增 {result.ImportedHouseholds} 户 {result.ImportedPersons} 人、救助类别 {result.ImportedCategories} 条" +
                (result.SkippedHouseholds > 0 ? $"；跳过已登记的 {result.SkippedHouseholds} 户 {result.SkippedPersons} 人" : string.Empty)));
            await data.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbException ex) when (IsUniqueViolation(ex))
        {
            // Someone registered one of these numbers between the check and the write; the transaction is rolled back.
            return Error.Conflict("import.concurrent_registration", "导入期间有人登记了文件中的人员，未写入任何数据。请重新导入，系统会列出已登记的行。");
        }

        await HouseholdBulkWriter.RefreshStatisticsAsync(data, ct);
        return result with { Seconds = Math.Round(watch.Elapsed.TotalSeconds, 2) };
    }

    private async Task<Result<HouseholdImportResult>> RejectAsync(Batch batch, Stopwatch watch, CancellationToken ct)
    {
        var result = batch.Result(HouseholdImportResult.Rejected, [], watch);
        await audit.WriteNowAsync(Event(batch.Request.CheckOnly ? "household.import-check" : "household.import", batch, AuditOutcome.Failed,
            $"{(batch.Request.CheckOnly ? "预检" : "导入")}家庭户文件“{batch.FileName}”：{batch.Rows} 行中 {result.ProblemLines} 行有 {result.Problems.Count} 处错误，未写入任何数据"), ct);
        return result;
    }

    private AuditEvent Event(string action, Batch batch, AuditOutcome outcome, string summary) =>
        new(action, "household-import", batch.Id.ToString(), batch.VillageScope?.Value ?? actor.Jurisdiction?.Value, outcome, summary);

    // ---- Reading the rows ------------------------------------------------------------------------------------------

    private List<FileRow>? ReadRows(Sheet sheet, Batch batch)
    {
        var headerIndex = -1;
        // The header is the first row naming the identity-number column; a title line above it is allowed.
        for (var i = 0; i < Math.Min(sheet.Rows.Count, 10) && headerIndex < 0; i++)
        {
            if (sheet.Rows[i].Cells.Any(c => HouseholdImportTemplate.ColumnOf(c.Text) == ImportColumn.IdNumber))
            {
                headerIndex = i;
            }
        }

        if (headerIndex < 0)
        {
            batch.Problem(sheet.Rows.FirstOrDefault()?.Line ?? 1, string.Empty, string.Empty, "import.no_header",
                "找不到表头：第一行应为列名（户编号、村(社区)代码、家庭住址、与户主关系、姓名、身份证号……），请使用导入模板");
            return null;
        }

        var header = sheet.Rows[headerIndex];
        var columns = new int?[HouseholdImportTemplate.Columns.Count];
        for (var i = 0; i < header.Cells.Count; i++)
        {
            if (HouseholdImportTemplate.ColumnOf(header.Cells[i].Text) is not { } column)
            {
                continue;
            }

            if (columns[(int)column] is { } first)
            {
                batch.Problem(header.Line, header.Cells[i].Text, string.Empty, "import.duplicate_column",
                    $"“{HouseholdImportTemplate.Spec(column).Header}”列出现了两次（第 {first + 1} 列和第 {i + 1} 列）");
                continue;
            }

            columns[(int)column] = i;
        }

        foreach (var spec in HouseholdImportTemplate.Columns.Where(s => s.Required && columns[(int)s.Column] is null))
        {
            batch.Problem(header.Line, spec.Header, string.Empty, "import.missing_column", $"缺少必填列“{spec.Header}”");
        }

        if (batch.Problems.Count > 0)
        {
            return null;
        }

        var reader = new RowReader(columns, sheet.Format == SheetReader.Csv ? header.Cells.Count : null, batch.Problem, CanSetCategory, ChinaTime.Today(clock));
        var rows = new List<FileRow>(sheet.Rows.Count - headerIndex);
        foreach (var sheetRow in sheet.Rows.Skip(headerIndex + 1))
        {
            if (sheetRow.IsBlank)
            {
                continue;
            }

            if (reader.Read(sheetRow) is { } row)
            {
                rows.Add(row);
            }
        }

        batch.Rows = rows.Count;
        batch.ExampleRows = reader.ExampleRows;
        return rows;
    }

    // ---- Households: grouping and the checks that span rows ---------------------------------------------------------

    private static List<FileHousehold> Group(List<FileRow> rows, Batch batch)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.IdNumber is not null))
        {
            if (seen.TryGetValue(row.IdNumber!, out var firstLine))
            {
                batch.Problem(row.Line, Header(ImportColumn.IdNumber), row.MaskedId, "import.duplicate_in_file", $"身份证号与第 {firstLine} 行重复，一人只能登记一次");
                row.Valid = false;
            }
            else
            {
                seen[row.IdNumber!] = row.Line;
            }
        }

        var households = rows.Where(r => r.Key.Length > 0)
            .GroupBy(r => r.Key, StringComparer.Ordinal)
            .Select(g => new FileHousehold(g.Key, g.ToList()))
            .OrderBy(h => h.Rows[0].Line)
            .ToList();
        batch.Households = households.Count;
        foreach (var household in households)
        {
            household.Village = Agreed(household, ImportColumn.VillageCode, r => r.Village, batch, required: true);
            household.Address = Agreed(household, ImportColumn.Address, r => r.Address, batch, required: true);
            var category = Agreed(household, ImportColumn.Category, r => r.Category?.ToString(), batch, required: false);
            household.Category = category is null ? null : Enum.Parse<AssistanceCategory>(category);

            var heads = household.Rows.Where(r => r.Relation == Relation.Head).ToList();
            if (heads.Count == 0 && household.Rows.All(r => r.Relation is not null))
            {
                batch.Problem(household.Rows[0].Line, Header(ImportColumn.Relation), household.Rows[0].RelationText, "import.no_head",
                    $"户编号“{household.Key}”（{Lines(household.Rows)}）没有户主，每户须有且只有一位户主");
            }

            foreach (var extra in heads.Skip(1))
            {
                batch.Problem(extra.Line, Header(ImportColumn.Relation), extra.RelationText, "import.several_heads",
                    $"户编号“{household.Key}”有多位户主（{Lines(heads)}），每户只能有一位户主");
            }
        }

        return households;
    }

    // A household value (village, address, category) may be given on any of its rows, but where given it must agree.
    private static string? Agreed(FileHousehold household, ImportColumn column, Func<FileRow, string?> value, Batch batch, bool required)
    {
        var given = household.Rows.Where(r => value(r) is not null).ToList();
        if (given.Count == 0)
        {
            if (required && household.Rows.All(r => !r.Invalid.Contains(column)))
            {
                batch.Problem(household.Rows[0].Line, Header(column), string.Empty, $"import.{Word(column)}_required",
                    $"户编号“{household.Key}”没有填写{Header(column)}（同一户至少在一行填写）");
            }

            return null;
        }

        var first = given[0];
        foreach (var other in given.Skip(1).Where(r => value(r) != value(first)))
        {
            batch.Problem(other.Line, Header(column), other.Raw(column), $"import.{Word(column)}_mismatch",
                $"与同户（户编号“{household.Key}”）第 {first.Line} 行的{Header(column)}“{first.Raw(column)}”不一致");
        }

        return value(first);
    }

    private async Task CheckRegionsAsync(List<FileRow> rows, Batch batch, CancellationToken ct)
    {
        var codes = rows.Select(r => r.Village).Concat(rows.Select(r => r.RegistrationRegion)).OfType<string>().Distinct().ToList();
        var known = await regions.NamesAsync(codes, ct);
        foreach (var row in rows)
        {
            if (row.Village is { } village)
            {
                if (!known.ContainsKey(village))
                {
                    batch.Problem(row.Line, Header(ImportColumn.VillageCode), village, "import.village_unknown", $"村(社区)代码 {village} 不存在，请核对区划代码");
                }
                else if (!actor.Scope.Permits(village) || (batch.VillageScope is { } scope && !village.StartsWith(scope.Prefix, StringComparison.Ordinal)))
                {
                    batch.Problem(row.Line, Header(ImportColumn.VillageCode), village, "import.village_outside",
                        $"村(社区) {village}（{known[village]}）不在您的管辖范围内，只能导入管辖范围内的家庭户");
                }
            }

            if (row.RegistrationRegion is { } registration && !known.ContainsKey(registration))
            {
                batch.Problem(row.Line, Header(ImportColumn.RegistrationRegion), registration, "import.registration_region_unknown", $"户籍地代码 {registration} 不存在，请核对区划代码");
            }
        }
    }

    // ---- One person, one record: who is registered already ---------------------------------------------------------

    private async Task ClassifyAsync(List<FileHousehold> households, Batch batch, CancellationToken ct)
    {
        var byIndex = new Dictionary<string, FileRow>(StringComparer.Ordinal);
        foreach (var row in households.SelectMany(h => h.Rows).Where(r => r.IdNumber is not null))
        {
            row.Index = protector.BlindIndex(row.IdNumber!);
            // A number repeated in the file is reported as such; only its first row carries what the database knows.
            byIndex.TryAdd(row.Index, row);
        }

        foreach (var chunk in byIndex.Keys.Chunk(LookupChunk))
        {
            // Uniqueness is platform-wide, so the lookup sees past the jurisdiction filter; what it may reveal is decided below.
            var found = await data.Persons.IgnoreQueryFilters().AsNoTracking()
                .Where(p => chunk.Contains(p.IdNumberIndex))
                .Select(p => new { p.IdNumberIndex, p.HouseholdId, p.RegionCode })
                .ToListAsync(ct);
            foreach (var p in found)
            {
                byIndex[p.IdNumberIndex].Existing = new ExistingPerson(p.HouseholdId, p.RegionCode);
            }
        }

        var fresh = households.Any(h => h.Rows.All(r => r.Existing is null));
        foreach (var household in households)
        {
            var registered = household.Rows.Where(r => r.Existing is not null).ToList();
            if (registered.Count == 0)
            {
                continue;
            }

            foreach (var row in registered.Where(r => !InScope(r.Existing!.RegionCode, batch)))
            {
                batch.Problem(row.Line, Header(ImportColumn.IdNumber), row.MaskedId, "import.registered_elsewhere",
                    "该身份证号已在您的管辖范围外登记，一人只能有一条记录；如需迁入，请联系原登记地办理");
            }

            var inScope = registered.Where(r => InScope(r.Existing!.RegionCode, batch)).ToList();
            if (household.Rows.Any(r => r.IdNumber is null))
            {
                // Its other rows are wrong already; whether it was imported before is judged once they are corrected.
                continue;
            }

            if (registered.Count < household.Rows.Count)
            {
                foreach (var row in inScope)
                {
                    batch.Problem(row.Line, Header(ImportColumn.IdNumber), row.MaskedId, "import.partly_registered",
                        $"该身份证号已登记，而同户（户编号“{household.Key}”）其他成员尚未登记：请在该户的页面添加新成员，或从文件中删去已登记的人员");
                }

                continue;
            }

            var target = registered[0].Existing!;
            if (inScope.Count < registered.Count || registered.Any(r => r.Existing!.HouseholdId != target.HouseholdId) || target.RegionCode != household.Village)
            {
                foreach (var row in inScope)
                {
                    batch.Problem(row.Line, Header(ImportColumn.IdNumber), row.MaskedId, "import.registered_other_household",
                        $"该身份证号已登记在 {row.Existing!.RegionCode} 的另一户，与文件中的分户（户编号“{household.Key}”）不一致");
                }

                continue;
            }

            household.Registered = target.HouseholdId;
            // Without the option, a file that mixes new households with ones imported before is refused, so that a
            // second import never passes silently over rows someone expects to be written.
            if (!batch.Request.SkipRegistered && (fresh || batch.Problems.Count > 0))
            {
                foreach (var row in household.Rows)
                {
                    batch.Problem(row.Line, Header(ImportColumn.IdNumber), row.MaskedId, "import.already_registered",
                        $"该户（户编号“{household.Key}”）的人员都已登记，可能是已导入过；只导入新增的户时，请选择“跳过已登记的户”");
                }
            }
        }
    }

    private bool InScope(string regionCode, Batch batch) =>
        actor.Scope.Permits(regionCode) && (batch.VillageScope is not { } scope || regionCode.StartsWith(scope.Prefix, StringComparison.Ordinal));

    private static bool IsUniqueViolation(DbException ex) =>
        ex is SqliteException { SqliteErrorCode: 19 } || ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    internal static string Header(ImportColumn column) => HouseholdImportTemplate.Spec(column).Header;

    private static string Word(ImportColumn column) => column switch
    {
        ImportColumn.VillageCode => "village",
        ImportColumn.Address => "address",
        _ => "category",
    };

    private static string Lines(IEnumerable<FileRow> rows) => "第 " + string.Join("、", rows.Select(r => r.Line)) + " 行";

    private static string FileNameOf(string? name)
    {
        var file = Path.GetFileName(name ?? string.Empty);
        file = new string(file.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return file.Length == 0 ? "(未命名)" : file.Length > 100 ? file[..100] : file;
    }

    /// <summary>The rows of one household key, and what the database knows of them.</summary>
    private sealed class FileHousehold(string key, List<FileRow> rows)
    {
        public string Key { get; } = key;

        public List<FileRow> Rows { get; } = rows;

        public string? Village { get; set; }

        public string? Address { get; set; }

        public AssistanceCategory? Category { get; set; }

        /// <summary>Set when every member is registered already in this one household.</summary>
        public Guid? Registered { get; set; }
    }

    /// <summary>What one import collects as it goes.</summary>
    private sealed class Batch(Guid id, string fileName, HouseholdImportRequest request, RegionCode? villageScope)
    {
        public Guid Id { get; } = id;

        public string FileName { get; } = fileName;

        public HouseholdImportRequest Request { get; } = request;

        public RegionCode? VillageScope { get; } = villageScope;

        public string? Format { get; set; }

        public string? Encoding { get; set; }

        public int Rows { get; set; }

        public int ExampleRows { get; set; }

        public List<ImportProblem> Problems { get; } = [];

        public void Problem(int line, string column, string value, string code, string message) =>
            Problems.Add(new ImportProblem(line, column, value.Length > 100 ? value[..100] + "…" : value, code, message));

        public HouseholdImportResult Result(string status, List<FileHousehold> written, Stopwatch watch)
        {
            var problems = Problems.OrderBy(p => p.Line).ThenBy(p => HouseholdImportTemplate.ColumnOf(p.Column) is { } c ? (int)c : -1).ToList();
            var all = status == HouseholdImportResult.Rejected ? [] : written;
            return new HouseholdImportResult(
                Id, FileName, status, Format, Encoding, Rows, ExampleRows,
                Households: Households, Persons: Rows,
                ImportedHouseholds: all.Count, ImportedPersons: all.Sum(h => h.Rows.Count), ImportedCategories: all.Count(h => h.Category is not null),
                SkippedHouseholds: status == HouseholdImportResult.Rejected ? 0 : Households - all.Count,
                SkippedPersons: status == HouseholdImportResult.Rejected ? 0 : Rows - all.Sum(h => h.Rows.Count),
                problems, Math.Round(watch.Elapsed.TotalSeconds, 2));
        }

        public int Households { get; set; }
    }
}
