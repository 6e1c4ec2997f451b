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
    public async Task<int> CheckAsync(CancellationToken ct) =>
        await NoticePassAsync(options.Value.LicenceExpiryWarningDays, CheckLicencesAsync, ct)
        + await NoticePassAsync(options.Value.WarrantyExpiryWarningDays, CheckWarrantiesAsync, ct);

    /// <summary>
    /// One kind of notice: <paramref name="check"/> claims what is due by the horizon (today plus
    /// <paramref name="warningDays"/>) and raises its notices, committed in one transaction with their outbox events.
    /// </summary>
    private async Task<int> NoticePassAsync(int warningDays, Func<AssetsDbContext, Window, CancellationToken, Task<int>> check, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AssetsDbContext>();
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var raised = await check(db, new Window(now, today, today.AddDays(warningDays)), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return raised;
    }

    private static async Task<int> CheckLicencesAsync(AssetsDbContext db, Window window, CancellationToken ct)
    {
        var due = await db.Licences
            .FromSql($"""
                SELECT *, xmin FROM licences
                WHERE expires_on IS NOT NULL AND expires_on <= {window.Horizon}
                  AND (expiry_notice_for IS NULL OR expiry_notice_for <> expires_on)
                ORDER BY expires_on LIMIT {Batch} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        var ids = due.Select(l => l.Id).ToList();
        await db.LicenceSeats.Where(s => ids.Contains(s.LicenceId) && s.ReleasedAt == null).LoadAsync(ct);
        return due.Count(l => l.NoticeExpiring(window.Today, window.Now));
    }

    private static async Task<int> CheckWarrantiesAsync(AssetsDbContext db, Window window, CancellationToken ct)
    {
        var due = await db.Assets
            .FromSql($"""
                SELECT *, xmin FROM assets
                WHERE warranty_end IS NOT NULL AND status NOT IN ('Retired', 'Disposed')
                  AND warranty_end <= {window.Horizon} AND warranty_end >= {window.Today}
                  AND (warranty_notice_for IS NULL OR warranty_notice_for <> warranty_end)
                ORDER BY warranty_end LIMIT {Batch} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        return due.Count(a => a.NoticeWarrantyExpiring(window.Today, window.Now));
    }

    /// <summary>When a pass runs (<see cref="Now"/>, <see cref="Today"/>) and how far ahead it looks.</summary>
    private readonly record struct Window(DateTimeOffset Now, DateOnly Today, DateOnly Horizon);

    [LoggerMessage(Level = LogLevel.Error, Message = "Expiry check failed")]
    protected override partial void LogFailed(Exception exception);
}
