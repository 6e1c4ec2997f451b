using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Assets.Data.Migrations
{
    /// <summary>
    /// Data only: assets returned to repair (or sent there while assigned) kept their last holder; only an Assigned
    /// asset has one. Their history keeps who held them, so there is nothing to restore going down.
    /// </summary>
    public partial class ReturnedAssetsHaveNoHolder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE assets SET assigned_to = NULL, project_id = NULL, project_key = NULL, assigned_at = NULL
                WHERE status <> 'Assigned' AND (assigned_to IS NOT NULL OR project_id IS NOT NULL OR project_key IS NOT NULL OR assigned_at IS NOT NULL)
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
