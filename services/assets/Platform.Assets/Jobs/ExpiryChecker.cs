using Microsoft.Extensions.Options;

namespace Platform.Assets.Jobs;

/// <summary>
/// Announces licences expiring (LicenceExpiring) and warranties ending (WarrantyExpiring) within the configured
/// windows, each once per date: the row is claimed with FOR UPDATE SKIP LOCKED and marked with the date it was
/// announced for in the same transaction as the outbox event, so any number of replicas announce it once.
/// A renewal (a new date) re-arms the notice.
/// </summary>
public sealed partial class ExpiryChecker(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<AssetsOptions> options, ILogger<ExpiryChecker> logger) : PollingWorker
{
    private const int Batch = 100;

    protected override bool Enabled => options.Value.ExpiryCheckerEnabled;

    protected override TimeProvider Clock => clock;

    protected override TimeSpan Interval => options.Value.ExpiryCheckInterval;

    protected override async Task<PollOutcome> RunPassAsync(CancellationToken ct) =>
        await CheckAsync(ct) >= Batch ? PollOutcome.More : PollOutcome.Idle;

    /// <summary>One pass; returns how many notices it raised.</summary>
    public async Task<int> CheckAsync(CancellationToken ct) => await CheckLicencesAsync(ct) + await CheckWarrantiesAsync(ct);

    private async Task<int> CheckLicencesAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AssetsDbContext>();
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var horizon = today.AddDays(options.Value.LicenceExpiryWarningDays);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var due = await db.Licences
            .FromSql($"""
                SELECT *, xmin FROM licences
                WHERE expires_on IS NOT NULL AND expires_on <= {horizon}
                  AND (expiry_notice_for IS NULL OR expiry_notice_for <> expires_on)
                ORDER BY expires_on LIMIT {Batch} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        var ids = due.Select(l => l.Id).ToList();
        await db.LicenceSeats.Where(s => ids.Contains(s.LicenceId) && s.ReleasedAt == null).LoadAsync(ct);
        var raised = due.Count(l => l.NoticeExpiring(today, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return raised;
    }

    private async Task<int> CheckWarrantiesAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AssetsDbContext>();
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var horizon = today.AddDays(options.Value.WarrantyExpiryWarningDays);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var due = await db.Assets
            .FromSql($"""
                SELECT *, xmin FROM assets
                WHERE warranty_end IS NOT NULL AND status NOT IN ('Retired', 'Disposed')
                  AND warranty_end <= {horizon} AND warranty_end >= {today}
                  AND (warranty_notice_for IS NULL OR warranty_notice_for <> warranty_end)
                ORDER BY warranty_end LIMIT {Batch} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        var raised = due.Count(a => a.NoticeWarrantyExpiring(today, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return raised;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Expiry check failed")]
    protected override partial void LogFailed(Exception exception);
}
