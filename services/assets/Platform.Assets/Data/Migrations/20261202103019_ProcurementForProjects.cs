using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Assets.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProcurementForProjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "currency",
                table: "procurement_requests",
                type: "character(3)",
                fixedLength: true,
                maxLength: 3,
                nullable: false,
                defaultValue: "JPY");

            migrationBuilder.AddColumn<string>(
                name: "project_key",
                table: "procurement_requests",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_procurement_requests_project_key",
                table: "procurement_requests",
                column: "project_key",
                filter: "project_key IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_procurement_requests_project_key",
                table: "procurement_requests");

            migrationBuilder.DropColumn(
                name: "currency",
                table: "procurement_requests");

            migrationBuilder.DropColumn(
                name: "project_key",
                table: "procurement_requests");
        }
    }
}
