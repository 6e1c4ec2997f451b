using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Ticketing.Data.Migrations
{
    /// <inheritdoc />
    public partial class SystemCommentCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "args",
                table: "ticket_comments",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "code",
                table: "ticket_comments",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "args",
                table: "ticket_comments");

            migrationBuilder.DropColumn(
                name: "code",
                table: "ticket_comments");
        }
    }
}
