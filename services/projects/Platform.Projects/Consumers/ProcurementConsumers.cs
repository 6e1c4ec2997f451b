using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Platform.Contracts.Assets;
using Platform.Messaging.Inbox;

namespace Platform.Projects.Consumers;

/// <summary>
/// Procurements bought for a project (assets names the project's key) become its money: approved, the total is
/// committed; each receipt is an actual hardware cost (the receipt's units × the approved prices) and is taken off
/// the commitment; a rejection cancels what is still committed. A procurement for a key no project has (assets only
/// checks the key's form) is logged and left alone. Procurements priced in another currency than the project's are
/// kept as they are and shown apart (CostReader), never converted. Receipts can move the forecast: the cost rule
/// looks again (<see cref="Escalator.SaveWatchingCostAsync"/>), in the consumer's transaction.
/// </summary>
public static partial class ProcurementCosts
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Procurement {Request} names project {Project}, which does not exist; its cost is not counted.")]
    private static partial void UnknownProject(ILogger logger, string request, string project);

    public static async Task<Project?> ProjectForAsync(ProjectsDbContext db, string? key, string requestKey, ILogger logger, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(key)) return null;
        var project = await db.Projects.AsNoTracking().FindByReferenceAsync(key, Project.KeyPrefix, ct);
        if (project is null) UnknownProject(logger, requestKey, key);
        return project;
    }

    public static async Task<Commitment> CommitmentAsync(ProjectsDbContext db, Guid requestId, Project project, string requestKey, string currency,
        DateTimeOffset now, CancellationToken ct)
    {
        var commitment = await db.Commitments.FirstOrDefaultAsync(c => c.RequestId == requestId, ct);
        if (commitment is null) db.Commitments.Add(commitment = Commitment.Open(requestId, project, requestKey, currency, now));
        return commitment;
    }

    /// <summary>The same receipt always gives the same id (its request and instant), so the cost is kept once.</summary>
    public static Guid ReceiptId(ProcurementReceived e) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{e.RequestId:N}:{e.OccurredAt.UtcTicks}")).AsSpan(0, 16));
}

public sealed class ProcurementApprovedConsumer(ProjectsDbContext db, TimeProvider clock, ILogger<ProcurementApprovedConsumer> logger)
    : IdempotentConsumer<ProcurementApproved, ProjectsDbContext>(db)
{
    protected override async Task HandleAsync(ProcurementApproved message, CancellationToken ct)
    {
        var project = await ProcurementCosts.ProjectForAsync(Db, message.ProjectKey, message.RequestKey, logger, ct);
        if (project is null) return;
        var commitment = await ProcurementCosts.CommitmentAsync(Db, message.RequestId, project, message.RequestKey,
            message.Currency ?? project.Currency, clock.GetUtcNow(), ct);
        commitment.Approve(message.Title, message.Vendor, message.Total, clock.GetUtcNow());
    }
}

public sealed class ProcurementReceivedConsumer(
    ProjectsDbContext db, TimeProvider clock, IOptions<ProjectsOptions> options, ILogger<ProcurementReceivedConsumer> logger)
    : IdempotentConsumer<ProcurementReceived, ProjectsDbContext>(db)
{
    protected override async Task HandleAsync(ProcurementReceived message, CancellationToken ct)
    {
        var project = await ProcurementCosts.ProjectForAsync(Db, message.ProjectKey, message.RequestKey, logger, ct);
        if (project is null) return;
        var now = clock.GetUtcNow();
        var receipt = ProcurementCosts.ReceiptId(message);
        if (await Db.Costs.AnyAsync(c => c.SourceEventId == receipt, ct)) return;
        var currency = message.Currency ?? project.Currency;
        var commitment = await ProcurementCosts.CommitmentAsync(Db, message.RequestId, project, message.RequestKey, currency, now, ct);
        commitment.Receive(message.Amount, message.FullyReceived, now);
        Db.Costs.Add(CostEntry.Record(project, DateOnly.FromDateTime(message.OccurredAt.UtcDateTime), CostCategory.Hardware, message.Amount, currency,
            $"{message.RequestKey} received: {string.Join(", ", message.AssetTags)}", message.ReceivedBy, now, CostSource.Procurement,
            message.RequestKey, receipt));
        await Escalator.SaveWatchingCostAsync(Db, project, options.Value.Cost, message.ReceivedBy, now, ct);
    }
}

public sealed class ProcurementRejectedConsumer(ProjectsDbContext db, TimeProvider clock)
    : IdempotentConsumer<ProcurementRejected, ProjectsDbContext>(db)
{
    protected override async Task HandleAsync(ProcurementRejected message, CancellationToken ct)
    {
        var commitment = await Db.Commitments.FirstOrDefaultAsync(c => c.RequestId == message.RequestId, ct);
        commitment?.Cancel(clock.GetUtcNow());
    }
}

/// <summary>
/// Keeps a vendor's first quote on each request for quotes, for the vendor scorecard's response time: once per request
/// and vendor (however often the event arrives), whether or not the vendor is in the register yet (matched by name).
/// </summary>
public sealed class ProcurementQuoteReceivedConsumer(ProjectsDbContext db) : IdempotentConsumer<ProcurementQuoteReceived, ProjectsDbContext>(db)
{
    protected override async Task HandleAsync(ProcurementQuoteReceived message, CancellationToken ct)
    {
        var vendor = Vendor.Normalize(message.Vendor);
        if (vendor.Length == 0 || await Db.VendorQuotes.AnyAsync(q => q.RequestId == message.RequestId && q.NormalizedVendor == vendor, ct)) return;
        Db.VendorQuotes.Add(new VendorQuote
        {
            RequestId = message.RequestId, NormalizedVendor = vendor, Vendor = message.Vendor.Trim(), RequestKey = message.RequestKey,
            RequestedAt = message.RequestedAt, QuotedAt = message.QuotedAt,
        });
    }
}
