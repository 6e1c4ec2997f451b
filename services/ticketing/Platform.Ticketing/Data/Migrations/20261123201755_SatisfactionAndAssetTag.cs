using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Ticketing.Data.Migrations
{
    /// <inheritdoc />
    public partial class SatisfactionAndAssetTag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "asset_tag",
                table: "tickets",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "rated_at",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "satisfaction_comment",
                table: "tickets",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "satisfaction_rating",
                table: "tickets",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_tickets_asset_tag",
                table: "tickets",
                column: "asset_tag",
                filter: "asset_tag IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tickets_asset_tag",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "asset_tag",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "rated_at",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "satisfaction_comment",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "satisfaction_rating",
                table: "tickets");
        }
    }
}
