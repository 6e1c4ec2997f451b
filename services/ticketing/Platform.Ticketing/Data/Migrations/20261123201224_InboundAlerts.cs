using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Ticketing.Data.Migrations
{
    /// <inheritdoc />
    public partial class InboundAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inbound_alerts",
                columns: table => new
                {
                    source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    alert_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    deliveries = table.Column<int>(type: "integer", nullable: false),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbound_alerts", x => new { x.source, x.alert_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_inbound_alerts_ticket_id",
                table: "inbound_alerts",
                column: "ticket_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbound_alerts");
        }
    }
}
