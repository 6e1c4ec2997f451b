using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Projects.Data.Migrations
{
    /// <inheritdoc />
    public partial class VendorControl : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "vendor_contract_numbers");

            migrationBuilder.CreateSequence(
                name: "vendor_numbers");

            migrationBuilder.AddColumn<Guid>(
                name: "contract_id",
                table: "deliverables",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "vendor_quotes",
                columns: table => new
                {
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    normalized_vendor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    vendor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    request_key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    quoted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vendor_quotes", x => new { x.request_id, x.normalized_vendor });
                });

            migrationBuilder.CreateTable(
                name: "vendors",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    normalized_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    contact_email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    notes = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vendors", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "vendor_contracts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    vendor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    value = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: false),
                    sla_terms = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vendor_contracts", x => x.id);
                    table.ForeignKey(
                        name: "fk_vendor_contracts_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_vendor_contracts_vendors_vendor_id",
                        column: x => x.vendor_id,
                        principalTable: "vendors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_deliverables_contract_id",
                table: "deliverables",
                column: "contract_id");

            migrationBuilder.CreateIndex(
                name: "ix_vendor_contracts_number",
                table: "vendor_contracts",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_vendor_contracts_project_id",
                table: "vendor_contracts",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_vendor_contracts_vendor_id",
                table: "vendor_contracts",
                column: "vendor_id");

            migrationBuilder.CreateIndex(
                name: "ix_vendor_quotes_normalized_vendor",
                table: "vendor_quotes",
                column: "normalized_vendor");

            migrationBuilder.CreateIndex(
                name: "ix_vendors_normalized_name",
                table: "vendors",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_vendors_number",
                table: "vendors",
                column: "number",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_deliverables_contracts_contract_id",
                table: "deliverables",
                column: "contract_id",
                principalTable: "vendor_contracts",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_deliverables_contracts_contract_id",
                table: "deliverables");

            migrationBuilder.DropTable(
                name: "vendor_contracts");

            migrationBuilder.DropTable(
                name: "vendor_quotes");

            migrationBuilder.DropTable(
                name: "vendors");

            migrationBuilder.DropIndex(
                name: "ix_deliverables_contract_id",
                table: "deliverables");

            migrationBuilder.DropColumn(
                name: "contract_id",
                table: "deliverables");

            migrationBuilder.DropSequence(
                name: "vendor_contract_numbers");

            migrationBuilder.DropSequence(
                name: "vendor_numbers");
        }
    }
}
