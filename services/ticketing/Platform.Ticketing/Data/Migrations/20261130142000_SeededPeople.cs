using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Ticketing.Data.Migrations
{
    /// <summary>
    /// The seeded queues and SLA policies named "service-desk-lead", who is no one: the demo directory's help desk
    /// agent, bob, leads both service desk queues and is told of P1 and P2 breaches. Only rows still as seeded change.
    /// </summary>
    public partial class SeededPeople : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE queues SET team_lead = 'bob'
                WHERE id IN ('0193a000-0000-7000-8000-000000000201', '0193a000-0000-7000-8000-000000000202') AND team_lead = 'service-desk-lead';
                UPDATE sla_policies SET notify_on_breach = 'bob'
                WHERE id IN ('0193a000-0000-7000-8000-000000000101', '0193a000-0000-7000-8000-000000000102') AND notify_on_breach = 'service-desk-lead';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE queues SET team_lead = 'service-desk-lead'
                WHERE id IN ('0193a000-0000-7000-8000-000000000201', '0193a000-0000-7000-8000-000000000202') AND team_lead = 'bob';
                UPDATE sla_policies SET notify_on_breach = 'service-desk-lead'
                WHERE id IN ('0193a000-0000-7000-8000-000000000101', '0193a000-0000-7000-8000-000000000102') AND notify_on_breach = 'bob';
                """);
        }
    }
}
