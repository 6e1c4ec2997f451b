using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Ticketing.Data.Migrations
{
    /// <inheritdoc />
    public partial class SlaPolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "first_responded_at",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "first_response_due_at",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "first_response_elapsed",
                table: "tickets",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "first_response_running_since",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "first_response_stopped_at",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "first_response_target",
                table: "tickets",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "first_response_warn_at",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "first_response_warning_percent",
                table: "tickets",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "queue",
                table: "tickets",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "resolution_due_at",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "resolution_elapsed",
                table: "tickets",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "resolution_running_since",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "resolution_stopped_at",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "resolution_target",
                table: "tickets",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "resolution_warn_at",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "resolution_warning_percent",
                table: "tickets",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "sla_calendar_id",
                table: "tickets",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "sla_policy_id",
                table: "tickets",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "calendars",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    working_periods = table.Column<string>(type: "jsonb", nullable: false),
                    holidays = table.Column<List<DateOnly>>(type: "date[]", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendars", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sla_policies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    priority = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    calendar_id = table.Column<Guid>(type: "uuid", nullable: false),
                    first_response_minutes = table.Column<int>(type: "integer", nullable: false),
                    resolution_minutes = table.Column<int>(type: "integer", nullable: false),
                    warning_percent = table.Column<int>(type: "integer", nullable: false),
                    escalate_to_queue = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    raise_priority_on_breach = table.Column<bool>(type: "boolean", nullable: false),
                    notify_on_breach = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sla_policies", x => x.id);
                    table.ForeignKey(
                        name: "fk_sla_policies_calendars_calendar_id",
                        column: x => x.calendar_id,
                        principalTable: "calendars",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_calendars_name",
                table: "calendars",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sla_policies_calendar_id",
                table: "sla_policies",
                column: "calendar_id");

            migrationBuilder.CreateIndex(
                name: "ix_sla_policies_priority_category",
                table: "sla_policies",
                columns: new[] { "priority", "category" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            // Defaults (see SlaDefaults): a 24x7 calendar, Paris office hours with French holidays 2026-2027, and
            // one policy per priority. Plain SQL so that this migration stays as it is when the defaults move on.
            migrationBuilder.Sql("""
                INSERT INTO calendars (id, name, time_zone, working_periods, holidays) VALUES
                ('0193a000-0000-7000-8000-000000000001', '24x7', 'Etc/UTC', '[{"day":"Monday","start":"00:00:00","end":"1.00:00:00"},{"day":"Tuesday","start":"00:00:00","end":"1.00:00:00"},{"day":"Wednesday","start":"00:00:00","end":"1.00:00:00"},{"day":"Thursday","start":"00:00:00","end":"1.00:00:00"},{"day":"Friday","start":"00:00:00","end":"1.00:00:00"},{"day":"Saturday","start":"00:00:00","end":"1.00:00:00"},{"day":"Sunday","start":"00:00:00","end":"1.00:00:00"}]', '{}'),
                ('0193a000-0000-7000-8000-000000000002', 'Paris office hours', 'Europe/Paris', '[{"day":"Monday","start":"08:00:00","end":"18:00:00"},{"day":"Tuesday","start":"08:00:00","end":"18:00:00"},{"day":"Wednesday","start":"08:00:00","end":"18:00:00"},{"day":"Thursday","start":"08:00:00","end":"18:00:00"},{"day":"Friday","start":"08:00:00","end":"18:00:00"}]', '{2026-01-01,2026-04-06,2026-05-01,2026-05-08,2026-05-14,2026-05-25,2026-07-14,2026-08-15,2026-11-01,2026-11-11,2026-12-25,2027-01-01,2027-03-29,2027-05-01,2027-05-06,2027-05-08,2027-05-17,2027-07-14,2027-08-15,2027-11-01,2027-11-11,2027-12-25}');
                INSERT INTO sla_policies (id, name, priority, category, calendar_id, first_response_minutes, resolution_minutes,
                    warning_percent, escalate_to_queue, raise_priority_on_breach, notify_on_breach) VALUES
                ('0193a000-0000-7000-8000-000000000101', 'P1 critical', 'P1', NULL, '0193a000-0000-7000-8000-000000000001', 60, 240, 80, 'service-desk-l2', false, 'service-desk-lead'),
                ('0193a000-0000-7000-8000-000000000102', 'P2 high', 'P2', NULL, '0193a000-0000-7000-8000-000000000002', 120, 600, 80, 'service-desk-l2', true, 'service-desk-lead'),
                ('0193a000-0000-7000-8000-000000000103', 'P3 medium', 'P3', NULL, '0193a000-0000-7000-8000-000000000002', 240, 1800, 80, NULL, true, NULL),
                ('0193a000-0000-7000-8000-000000000104', 'P4 low', 'P4', NULL, '0193a000-0000-7000-8000-000000000002', 600, 3000, 80, NULL, false, NULL);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sla_policies");

            migrationBuilder.DropTable(
                name: "calendars");

            migrationBuilder.DropColumn(
                name: "first_responded_at",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "first_response_due_at",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "first_response_elapsed",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "first_response_running_since",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "first_response_stopped_at",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "first_response_target",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "first_response_warn_at",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "first_response_warning_percent",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "queue",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "resolution_due_at",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "resolution_elapsed",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "resolution_running_since",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "resolution_stopped_at",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "resolution_target",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "resolution_warn_at",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "resolution_warning_percent",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "sla_calendar_id",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "sla_policy_id",
                table: "tickets");
        }
    }
}
