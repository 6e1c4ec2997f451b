using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Ticketing.Data.Migrations
{
    /// <inheritdoc />
    public partial class QueueViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sla_due_at",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true,
                computedColumnSql: "LEAST(CASE WHEN first_response_running_since IS NOT NULL THEN first_response_due_at END, CASE WHEN resolution_running_since IS NOT NULL THEN resolution_due_at END)",
                stored: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sla_warn_at",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true,
                computedColumnSql: "LEAST(CASE WHEN first_response_running_since IS NOT NULL THEN first_response_warn_at END, CASE WHEN resolution_running_since IS NOT NULL THEN resolution_warn_at END)",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_tickets_assignee_sla_warn_at",
                table: "tickets",
                columns: new[] { "assignee", "sla_warn_at" },
                filter: "sla_warn_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tickets_category_number",
                table: "tickets",
                columns: new[] { "category", "number" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_sla_due_at_number",
                table: "tickets",
                columns: new[] { "sla_due_at", "number" },
                filter: "sla_due_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tickets_unassigned",
                table: "tickets",
                column: "number",
                filter: "assignee IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tickets_assignee_sla_warn_at",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_tickets_category_number",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_tickets_sla_due_at_number",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "ix_tickets_unassigned",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "sla_due_at",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "sla_warn_at",
                table: "tickets");
        }
    }
}
