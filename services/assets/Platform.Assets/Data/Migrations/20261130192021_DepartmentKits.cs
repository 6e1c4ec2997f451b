using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Assets.Data.Migrations
{
    /// <inheritdoc />
    public partial class DepartmentKits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "department",
                table: "kitting_requests",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "department",
                table: "kit_profiles",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "department",
                table: "kitting_requests");

            migrationBuilder.DropColumn(
                name: "department",
                table: "kit_profiles");
        }
    }
}
