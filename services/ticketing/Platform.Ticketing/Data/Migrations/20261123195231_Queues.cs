using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Ticketing.Data.Migrations
{
    /// <inheritdoc />
    public partial class Queues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "queues",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    rule = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    team_lead = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    last_assigned = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_queues", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "queue_members",
                columns: table => new
                {
                    queue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agent = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    available = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_queue_members", x => new { x.queue_id, x.agent });
                    table.ForeignKey(
                        name: "fk_queue_members_queues_queue_id",
                        column: x => x.queue_id,
                        principalTable: "queues",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_queue_number",
                table: "tickets",
                columns: new[] { "queue", "number" });

            migrationBuilder.CreateIndex(
                name: "ix_queue_members_agent",
                table: "queue_members",
                column: "agent");

            migrationBuilder.CreateIndex(
                name: "ix_queues_key",
                table: "queues",
                column: "key",
                unique: true);

            // The default queues the seeded SLA policies escalate to.
            migrationBuilder.Sql(
                "INSERT INTO queues (id, key, name, rule, team_lead) VALUES " +
                "('0193a000-0000-7000-8000-000000000201', 'service-desk-l1', 'Service desk (first line)', 'RoundRobin', 'service-desk-lead'), " +
                "('0193a000-0000-7000-8000-000000000202', 'service-desk-l2', 'Service desk (second line)', 'LeastLoaded', 'service-desk-lead');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "queue_members");

            migrationBuilder.DropTable(
                name: "queues");

            migrationBuilder.DropIndex(
                name: "ix_tickets_queue_number",
                table: "tickets");
        }
    }
}
