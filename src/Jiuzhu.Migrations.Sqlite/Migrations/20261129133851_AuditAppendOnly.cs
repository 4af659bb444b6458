using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jiuzhu.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// The database itself refuses to change or remove audit entries, so only someone who drops these
    /// triggers first can tamper with them, and the hash chain still shows it.
    /// A later migration that rebuilds audit_entries (SQLite's way of altering a table) drops these
    /// triggers with the old table and must create them again.
    /// </summary>
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
                BEGIN
                    SELECT RAISE(ABORT, 'audit entries are append-only');
                END;
                """);
            migrationBuilder.Sql(
                """
                CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
                BEGIN
                    SELECT RAISE(ABORT, 'audit entries are append-only');
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_entries_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_entries_no_update;");
        }
    }
}
