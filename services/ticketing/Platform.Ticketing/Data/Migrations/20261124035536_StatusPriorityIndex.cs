using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Ticketing.Data.Migrations
{
    /// <inheritdoc />
    public partial class StatusPriorityIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_tickets_status_priority_number",
                table: "tickets",
                columns: new[] { "status", "priority", "number" });

            // Status and priority are far from independent (no InProgress P1 at all, say): without joint statistics the
            // planner expects thousands of matches, walks the number index backwards for LIMIT 51 and reads every row.
            migrationBuilder.Sql("CREATE STATISTICS IF NOT EXISTS tickets_status_priority (mcv) ON status, priority FROM tickets;");
            migrationBuilder.Sql("ANALYZE tickets;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP STATISTICS IF EXISTS tickets_status_priority;");
            migrationBuilder.DropIndex(
                name: "ix_tickets_status_priority_number",
                table: "tickets");
        }
    }
}
