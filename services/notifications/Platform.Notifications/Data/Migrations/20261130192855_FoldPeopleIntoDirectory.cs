using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Notifications.Data.Migrations
{
    /// <inheritdoc />
    public partial class FoldPeopleIntoDirectory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The people learnt so far (from tokens, from Notifications:Directory) stay known, as people learnt without
            // identity (version 0): identity's events overwrite them.
            migrationBuilder.Sql("""
                INSERT INTO directory_people (user_id, user_name, display_name, email, roles, active, version, updated_at)
                SELECT user_id, user_id, COALESCE(display_name, user_id), email, roles, true, 0, updated_at FROM people
                ON CONFLICT (user_id) DO NOTHING
                """);
            migrationBuilder.DropTable(
                name: "people");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    roles = table.Column<List<string>>(type: "text[]", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people", x => x.user_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_people_roles",
                table: "people",
                column: "roles")
                .Annotation("Npgsql:IndexMethod", "gin");
        }
    }
}
