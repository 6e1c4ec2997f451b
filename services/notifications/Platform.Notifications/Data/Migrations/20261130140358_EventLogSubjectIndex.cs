using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Notifications.Data.Migrations
{
    /// <inheritdoc />
    public partial class EventLogSubjectIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_event_log_subject_seq",
                table: "event_log",
                columns: new[] { "subject", "seq" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_event_log_subject_seq",
                table: "event_log");
        }
    }
}
