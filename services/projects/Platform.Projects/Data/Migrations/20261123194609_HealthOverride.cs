using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Projects.Data.Migrations
{
    /// <inheritdoc />
    public partial class HealthOverride : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "health_override",
                table: "projects",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "health_override_at",
                table: "projects",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "health_override_by",
                table: "projects",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "health_override_comment",
                table: "projects",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "health_override",
                table: "projects");

            migrationBuilder.DropColumn(
                name: "health_override_at",
                table: "projects");

            migrationBuilder.DropColumn(
                name: "health_override_by",
                table: "projects");

            migrationBuilder.DropColumn(
                name: "health_override_comment",
                table: "projects");
        }
    }
}
