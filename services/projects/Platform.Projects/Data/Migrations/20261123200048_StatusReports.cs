using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Projects.Data.Migrations
{
    /// <inheritdoc />
    public partial class StatusReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "status_report_numbers");

            migrationBuilder.CreateTable(
                name: "status_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    iso_year = table.Column<int>(type: "integer", nullable: false),
                    iso_week = table.Column<int>(type: "integer", nullable: false),
                    week_start = table.Column<DateOnly>(type: "date", nullable: false),
                    content = table.Column<string>(type: "jsonb", nullable: false),
                    generated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    generated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_status_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_status_reports_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_status_reports_number",
                table: "status_reports",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_status_reports_project_id_iso_year_iso_week",
                table: "status_reports",
                columns: new[] { "project_id", "iso_year", "iso_week" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "status_reports");

            migrationBuilder.DropSequence(
                name: "status_report_numbers");
        }
    }
}
