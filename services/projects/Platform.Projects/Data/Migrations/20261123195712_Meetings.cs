using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Projects.Data.Migrations
{
    /// <inheritdoc />
    public partial class Meetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "meeting_numbers");

            migrationBuilder.AddColumn<Guid>(
                name: "meeting_id",
                table: "project_tasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "meetings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    scheduled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attendees = table.Column<List<string>>(type: "text[]", nullable: false),
                    agenda = table.Column<List<string>>(type: "text[]", nullable: false),
                    minutes = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: true),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meetings", x => x.id);
                    table.ForeignKey(
                        name: "fk_meetings_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "meeting_decisions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    text = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meeting_decisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_meeting_decisions_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_project_tasks_meeting_id_due_date",
                table: "project_tasks",
                columns: new[] { "meeting_id", "due_date" },
                filter: "meeting_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_meeting_decisions_meeting_id_recorded_at",
                table: "meeting_decisions",
                columns: new[] { "meeting_id", "recorded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_meetings_number",
                table: "meetings",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_meetings_project_id_scheduled_at",
                table: "meetings",
                columns: new[] { "project_id", "scheduled_at" });

            migrationBuilder.AddForeignKey(
                name: "fk_project_tasks_meetings_meeting_id",
                table: "project_tasks",
                column: "meeting_id",
                principalTable: "meetings",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_project_tasks_meetings_meeting_id",
                table: "project_tasks");

            migrationBuilder.DropTable(
                name: "meeting_decisions");

            migrationBuilder.DropTable(
                name: "meetings");

            migrationBuilder.DropIndex(
                name: "ix_project_tasks_meeting_id_due_date",
                table: "project_tasks");

            migrationBuilder.DropColumn(
                name: "meeting_id",
                table: "project_tasks");

            migrationBuilder.DropSequence(
                name: "meeting_numbers");
        }
    }
}
