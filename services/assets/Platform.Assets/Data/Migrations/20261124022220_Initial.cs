using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Assets.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "asset_numbers");

            migrationBuilder.CreateSequence(
                name: "kitting_request_numbers");

            migrationBuilder.CreateSequence(
                name: "licence_numbers");

            migrationBuilder.CreateSequence(
                name: "procurement_request_numbers");

            migrationBuilder.CreateTable(
                name: "asset_incidents",
                columns: table => new
                {
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ticket_key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    asset_tag = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    priority = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asset_incidents", x => x.ticket_id);
                });

            migrationBuilder.CreateTable(
                name: "assets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    serial = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    vendor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    purchase_date = table.Column<DateOnly>(type: "date", nullable: true),
                    cost = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    warranty_end = table.Column<DateOnly>(type: "date", nullable: true),
                    location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    assigned_to = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    project_id = table.Column<Guid>(type: "uuid", nullable: true),
                    project_key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    warranty_notice_for = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    entity_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changes = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    message_type = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "kit_profiles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    project_key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    items = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kit_profiles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "kitting_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    kit_profile = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    membership_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kitting_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "licences",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false),
                    product = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    vendor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    seats = table.Column<int>(type: "integer", nullable: false),
                    expires_on = table.Column<DateOnly>(type: "date", nullable: true),
                    cost = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    overuse_notified = table.Column<bool>(type: "boolean", nullable: false),
                    expiry_notice_for = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_licences", x => x.id);
                    table.CheckConstraint("ck_licences_seats", "seats >= 0");
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    body = table.Column<string>(type: "jsonb", nullable: false),
                    trace_parent = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    trace_state = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    dispatched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "procurement_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    vendors_asked = table.Column<List<string>>(type: "text[]", nullable: false),
                    requested_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    approved_vendor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    approved_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    order_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ordered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_procurement_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "asset_history",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    asset_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    action = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    from_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    to_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    assigned_to = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    project_key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asset_history", x => x.id);
                    table.ForeignKey(
                        name: "fk_asset_history_assets_asset_id",
                        column: x => x.asset_id,
                        principalTable: "assets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kitting_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    asset_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    product = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    asset_tag = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    licence_key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kitting_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_kitting_items_kitting_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "kitting_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "licence_seats",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    licence_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    asset_id = table.Column<Guid>(type: "uuid", nullable: true),
                    asset_tag = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    assigned_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    released_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    released_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_licence_seats", x => x.id);
                    table.ForeignKey(
                        name: "fk_licence_seats_licences_licence_id",
                        column: x => x.licence_id,
                        principalTable: "licences",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "procurement_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    received = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_procurement_items", x => x.id);
                    table.CheckConstraint("ck_procurement_items_received", "received BETWEEN 0 AND quantity");
                    table.ForeignKey(
                        name: "fk_procurement_items_procurement_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "procurement_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "procurement_quotes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    vendor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_price = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    valid_until = table.Column<DateOnly>(type: "date", nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_procurement_quotes", x => x.id);
                    table.ForeignKey(
                        name: "fk_procurement_quotes_procurement_items_item_id",
                        column: x => x.item_id,
                        principalTable: "procurement_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_procurement_quotes_procurement_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "procurement_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_asset_history_asset_id_at",
                table: "asset_history",
                columns: new[] { "asset_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_asset_incidents_asset_tag_opened_at",
                table: "asset_incidents",
                columns: new[] { "asset_tag", "opened_at" });

            migrationBuilder.CreateIndex(
                name: "ix_assets_assigned_to_number",
                table: "assets",
                columns: new[] { "assigned_to", "number" });

            migrationBuilder.CreateIndex(
                name: "ix_assets_number",
                table: "assets",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_assets_serial",
                table: "assets",
                column: "serial",
                unique: true,
                filter: "serial IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_assets_status_number",
                table: "assets",
                columns: new[] { "status", "number" });

            migrationBuilder.CreateIndex(
                name: "ix_assets_warranty_watch",
                table: "assets",
                column: "warranty_end",
                filter: "warranty_end IS NOT NULL AND status NOT IN ('Retired', 'Disposed')");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_entity_entity_id_at",
                table: "audit_entries",
                columns: new[] { "entity", "entity_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_processed_at",
                table: "inbox_messages",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "ix_kit_profiles_name",
                table: "kit_profiles",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_kitting_items_request_id_position",
                table: "kitting_items",
                columns: new[] { "request_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_kitting_requests_number",
                table: "kitting_requests",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_kitting_requests_status_number",
                table: "kitting_requests",
                columns: new[] { "status", "number" });

            migrationBuilder.CreateIndex(
                name: "ix_kitting_requests_user_id_number",
                table: "kitting_requests",
                columns: new[] { "user_id", "number" });

            migrationBuilder.CreateIndex(
                name: "ux_kitting_requests_membership",
                table: "kitting_requests",
                columns: new[] { "kind", "project_id", "user_id", "membership_at" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_licence_seats_asset_id",
                table: "licence_seats",
                column: "asset_id",
                filter: "released_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_licence_seats_licence_id_asset_id",
                table: "licence_seats",
                columns: new[] { "licence_id", "asset_id" },
                unique: true,
                filter: "released_at IS NULL AND asset_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_licence_seats_licence_id_user_id",
                table: "licence_seats",
                columns: new[] { "licence_id", "user_id" },
                unique: true,
                filter: "released_at IS NULL AND user_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_licence_seats_user_id",
                table: "licence_seats",
                column: "user_id",
                filter: "released_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_licences_expiry_watch",
                table: "licences",
                column: "expires_on",
                filter: "expires_on IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_licences_number",
                table: "licences",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_dispatched_at",
                table: "outbox_messages",
                column: "dispatched_at",
                filter: "dispatched_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_pending",
                table: "outbox_messages",
                column: "created_at",
                filter: "dispatched_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_procurement_items_request_id",
                table: "procurement_items",
                column: "request_id");

            migrationBuilder.CreateIndex(
                name: "ix_procurement_quotes_item_id",
                table: "procurement_quotes",
                column: "item_id");

            migrationBuilder.CreateIndex(
                name: "ix_procurement_quotes_request_id",
                table: "procurement_quotes",
                column: "request_id");

            migrationBuilder.CreateIndex(
                name: "ix_procurement_requests_number",
                table: "procurement_requests",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_procurement_requests_status_number",
                table: "procurement_requests",
                columns: new[] { "status", "number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "asset_history");

            migrationBuilder.DropTable(
                name: "asset_incidents");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "kit_profiles");

            migrationBuilder.DropTable(
                name: "kitting_items");

            migrationBuilder.DropTable(
                name: "licence_seats");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "procurement_quotes");

            migrationBuilder.DropTable(
                name: "assets");

            migrationBuilder.DropTable(
                name: "kitting_requests");

            migrationBuilder.DropTable(
                name: "licences");

            migrationBuilder.DropTable(
                name: "procurement_items");

            migrationBuilder.DropTable(
                name: "procurement_requests");

            migrationBuilder.DropSequence(
                name: "asset_numbers");

            migrationBuilder.DropSequence(
                name: "kitting_request_numbers");

            migrationBuilder.DropSequence(
                name: "licence_numbers");

            migrationBuilder.DropSequence(
                name: "procurement_request_numbers");
        }
    }
}
