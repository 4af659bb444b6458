using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jiuzhu.Migrations.Postgres.Migrations
{
    /// <summary>
    /// The database itself refuses to change, remove or truncate audit entries, so only someone who drops
    /// these triggers first can tamper with them, and the hash chain still shows it.
    /// </summary>
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                CREATE FUNCTION audit_entries_append_only() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit entries are append-only (% refused)', TG_OP;
                END;
                $$;
                """);

            // Statement-level, so even an UPDATE or DELETE that matches no row is refused.
            migrationBuilder.Sql(
                """
                CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
                CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
                CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries;
                DROP TRIGGER IF EXISTS audit_entries_no_delete ON audit_entries;
                DROP TRIGGER IF EXISTS audit_entries_no_update ON audit_entries;
                DROP FUNCTION IF EXISTS audit_entries_append_only();
                """);
        }
    }
}
