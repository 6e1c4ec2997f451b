using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace Platform.Ticketing.Data.Migrations
{
    /// <inheritdoc />
    public partial class TicketSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "internal_notes_text",
                table: "tickets",
                type: "text",
                nullable: true,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "public_comments_text",
                table: "tickets",
                type: "text",
                nullable: true,
                defaultValue: "");

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "internal_search_vector",
                table: "tickets",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "to_tsvector('english', coalesce(internal_notes_text, ''))",
                stored: true);

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "tickets",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(description, '')), 'B') || setweight(to_tsvector('english', coalesce(public_comments_text, '')), 'C')",
                stored: true);

            // Fold the comments tickets already have into their search text.
            migrationBuilder.Sql(
                "UPDATE tickets SET " +
                "public_comments_text = coalesce((SELECT string_agg(c.body, E'\\n' ORDER BY c.created_at) FROM ticket_comments c WHERE c.ticket_id = tickets.id AND c.kind <> 'Internal'), ''), " +
                "internal_notes_text = coalesce((SELECT string_agg(c.body, E'\\n' ORDER BY c.created_at) FROM ticket_comments c WHERE c.ticket_id = tickets.id AND c.kind = 'Internal'), '') " +
                "WHERE EXISTS (SELECT 1 FROM ticket_comments c WHERE c.ticket_id = tickets.id);");

            // Agents' searches match public text and internal notes together.
            migrationBuilder.Sql("CREATE INDEX ix_tickets_agent_search ON tickets USING GIN ((search_vector || internal_search_vector));");

            migrationBuilder.CreateIndex(
                name: "ix_tickets_search_vector",
                table: "tickets",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "GIN");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_tickets_agent_search;");
            migrationBuilder.DropIndex(
                name: "ix_tickets_search_vector",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "internal_search_vector",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "internal_notes_text",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "public_comments_text",
                table: "tickets");
        }
    }
}
