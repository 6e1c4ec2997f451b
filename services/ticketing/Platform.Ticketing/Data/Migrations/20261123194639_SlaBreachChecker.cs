using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Ticketing.Data.Migrations
{
    /// <inheritdoc />
    public partial class SlaBreachChecker : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sla_notices",
                columns: table => new
                {
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sla_notices", x => new { x.ticket_id, x.kind });
                });

            // The breach checker scans running clocks by warning and due time; keep those scans on small indexes.
            migrationBuilder.Sql(
                "CREATE INDEX ix_tickets_first_response_running ON tickets (first_response_due_at, first_response_warn_at) WHERE first_response_running_since IS NOT NULL;" +
                "CREATE INDEX ix_tickets_resolution_running ON tickets (resolution_due_at, resolution_warn_at) WHERE resolution_running_since IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_tickets_first_response_running; DROP INDEX ix_tickets_resolution_running;");
            migrationBuilder.DropTable(
                name: "sla_notices");
        }
    }
}
