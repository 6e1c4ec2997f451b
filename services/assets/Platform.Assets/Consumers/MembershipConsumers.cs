using Platform.Contracts.Projects;
using Platform.Messaging.Inbox;

namespace Platform.Assets.Consumers;

/// <summary>
/// Opens a kitting request for PSO when a person joins a project, exactly once per membership: the inbox drops
/// redeliveries of the same message, and the unique (kind, project, user, membership time) index stops the same
/// fact arriving under another message id.
/// </summary>
public sealed class ProjectMemberAddedConsumer(AssetsDbContext db, TimeProvider clock)
    : IdempotentConsumer<ProjectMemberAdded, AssetsDbContext>(db)
{
    protected override async Task HandleAsync(ProjectMemberAdded message, CancellationToken ct)
    {
        if (await Db.KittingRequests.OpenedForAsync(KittingKind.Onboarding, message.ProjectId, message.UserId, message.OccurredAt, ct))
            return;

        var profiles = await Db.KitProfiles.AsNoTracking()
            .Where(p => (p.ProjectKey == null || p.ProjectKey == message.ProjectKey) && (p.Role == null || p.Role == message.Role)
                || p.Name == message.KitProfile)
            .ToListAsync(ct);
        var profile = KitProfile.Choose(profiles, message.ProjectKey, message.Role, message.KitProfile);
        var number = await Db.NextNumberAsync(Sequences.Kitting, ct);
        Db.KittingRequests.Add(KittingRequest.OpenOnboarding(number, message.ProjectId, message.ProjectKey, message.UserId, message.Role,
            profile?.Name ?? "built-in", profile?.Items ?? KitProfile.BuiltIn, message.OccurredAt, clock.GetUtcNow()));
    }
}

/// <summary>
/// Opens a return request when a person leaves a project, listing what they hold for it (once per departure).
/// What an open return request of theirs already asks back (they left the organisation first) is not asked twice;
/// a leaver with nothing more to give back gets no second request.
/// </summary>
public sealed class ProjectMemberRemovedConsumer(AssetsDbContext db, TimeProvider clock)
    : IdempotentConsumer<ProjectMemberRemoved, AssetsDbContext>(db)
{
    protected override async Task HandleAsync(ProjectMemberRemoved message, CancellationToken ct)
    {
        if (await Db.KittingRequests.OpenedForAsync(KittingKind.Return, message.ProjectId, message.UserId, message.OccurredAt, ct))
            return;

        await Db.LockReturnsAsync(message.UserId, ct);
        var listed = (await Db.OpenReturnsOf(message.UserId).AsNoTracking().ToListAsync(ct)).SelectMany(r => r.Outstanding).ToHashSet(StringComparer.Ordinal);
        var assets = await Db.AssetsHeldBy(message.UserId).AsNoTracking()
            .Where(a => a.ProjectId == message.ProjectId).ToListAsync(ct);
        // Seats handed over by this project's kitting requests and still held.
        var kitLicences = await Db.KittingRequests.AsNoTracking()
            .Where(r => r.Kind == KittingKind.Onboarding && r.ProjectId == message.ProjectId && r.UserId == message.UserId)
            .SelectMany(r => r.Items).Where(i => i.LicenceKey != null).Select(i => i.LicenceKey!).Distinct().ToListAsync(ct);
        var numbers = kitLicences.Select(k => long.TryParse(k.AsSpan(Licence.KeyPrefix.Length), out var n) ? n : 0).ToList();
        var licences = await Db.LicencesWithSeatOf(message.UserId).AsNoTracking().Where(l => numbers.Contains(l.Number)).ToListAsync(ct);
        assets = assets.Where(a => !listed.Contains(a.Tag)).ToList();
        licences = licences.Where(l => !listed.Contains(l.Key)).ToList();
        if (assets.Count == 0 && licences.Count == 0 && await Db.HasLeftAsync(message.UserId, ct)) return;

        var number = await Db.NextNumberAsync(Sequences.Kitting, ct);
        Db.KittingRequests.Add(KittingRequest.OpenReturn(number, message.ProjectId, message.ProjectKey, message.UserId, assets, licences,
            message.OccurredAt, clock.GetUtcNow()));
    }
}

internal static class MembershipRequests
{
    /// <summary>Whether a request of this kind was already opened for this membership change (the same fact under
    /// another message id).</summary>
    public static Task<bool> OpenedForAsync(this IQueryable<KittingRequest> requests, KittingKind kind, Guid projectId,
        string userId, DateTimeOffset membershipAt, CancellationToken ct) =>
        requests.AnyAsync(r => r.Kind == kind && r.ProjectId == projectId && r.UserId == userId && r.MembershipAt == membershipAt, ct);
}
