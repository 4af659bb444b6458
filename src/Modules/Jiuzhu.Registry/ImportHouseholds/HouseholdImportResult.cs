namespace Jiuzhu.Registry.ImportHouseholds;

/// <summary>
/// One thing wrong with an import file: the line the user sees (the spreadsheet's row number, counting the header as
/// line 1), the column header, the cell's value — identity and phone numbers masked — and a Chinese reason with a
/// stable code.
/// </summary>
public sealed record ImportProblem(int Line, string Column, string Value, string Code, string Message);

/// <summary>An import file and how to read it.</summary>
/// <param name="Encoding">For CSV: "utf-8", "gb18030" (also "gbk"), or null to detect.</param>
/// <param name="SkipRegistered">Leave out households whose members are all registered already (in that same household) instead of refusing the file.</param>
/// <param name="CheckOnly">Validate and report only (预检); nothing is written.</param>
/// <param name="VillageScope">Further limits the villages this import may write to (a region code of any level).</param>
public sealed record HouseholdImportRequest(
    string FileName, byte[] Content, bool SkipRegistered = false, bool CheckOnly = false, string? Encoding = null, string? VillageScope = null);

/// <summary>What an import did or would do.</summary>
/// <param name="Status">One of <see cref="HouseholdImportResult.Imported"/>, <see cref="AlreadyImported"/>, <see cref="Checked"/>, <see cref="Rejected"/>.</param>
/// <param name="Rows">Data rows read, without blank rows and the template's example rows.</param>
/// <param name="Households">Households in the file.</param>
/// <param name="Persons">Persons in the file.</param>
/// <param name="ImportedHouseholds">Households written (for a check: that would be written).</param>
/// <param name="SkippedHouseholds">Households left out because all their members are registered already.</param>
/// <param name="Problems">Every problem found, in line order; empty unless rejected.</param>
public sealed record HouseholdImportResult(
    Guid BatchId,
    string FileName,
    string Status,
    string? Format,
    string? Encoding,
    int Rows,
    int ExampleRows,
    int Households,
    int Persons,
    int ImportedHouseholds,
    int ImportedPersons,
    int ImportedCategories,
    int SkippedHouseholds,
    int SkippedPersons,
    IReadOnlyList<ImportProblem> Problems,
    double Seconds)
{
    /// <summary>New households were written.</summary>
    public const string Imported = "imported";

    /// <summary>Every household of the file is registered already, as the file groups it: nothing to do.</summary>
    public const string AlreadyImported = "already-imported";

    /// <summary>A check (预检) found nothing wrong; nothing was written.</summary>
    public const string Checked = "checked";

    /// <summary>The file has problems; nothing was written.</summary>
    public const string Rejected = "rejected";

    public bool IsRejected => Status == Rejected;

    /// <summary>Lines with at least one problem.</summary>
    public int ProblemLines => Problems.Select(p => p.Line).Distinct().Count();
}
