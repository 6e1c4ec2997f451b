using Platform.Contracts.People;

namespace Platform.Assets.Consumers;

/// <summary>
/// Assets' copy of the people directory (queue assets-people-directory), and what PSO does when people come and go,
/// in the same transaction as the copy and the inbox row:
/// <list type="bullet">
/// <item>A joiner (new, or back after leaving) with a department that has a kit profile gets a kitting request
/// from it; no department profile, no request.</item>
/// <item>A mover (another department) is not re-kitted: PSO opens a request by hand if the new job needs it.</item>
/// <item>A leaver's licence seats are reclaimed at once; the hardware they hold goes on one return request (an open
/// one of theirs, from a project they left, takes the items it lacks; otherwise a new one); their open onboarding
/// requests are cancelled.</item>
/// </list>
/// </summary>
public sealed class PeopleDirectoryConsumer(AssetsDbContext db, TimeProvider clock) : Platform.Messaging.People.PeopleDirectoryConsumer<AssetsDbContext>(db)
{
    protected override async Task OnJoinedAsync(PersonJoined e, DirectoryPerson person, DirectoryPerson? before, CancellationToken ct)
    {
        if (before is not null || string.IsNullOrWhiteSpace(e.Department)) return;
        var profiles = await Db.KitProfiles.AsNoTracking().Where(p => p.Department != null).ToListAsync(ct);
        if (KitProfile.ForDepartment(profiles, e.Department) is not { } profile) return;
        if (await Db.KittingRequests.OpenedForAsync(KittingKind.Onboarding, Guid.Empty, e.UserId, e.OccurredAt, ct)) return;
        var number = await Db.NextNumberAsync(Sequences.Kitting, ct);
        Db.KittingRequests.Add(KittingRequest.OpenForJoiner(number, e.UserId, e.Department.Trim(), profile, e.OccurredAt, clock.GetUtcNow()));
    }

    protected override async Task OnLeftAsync(PersonLeft e, DirectoryPerson person, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        const string by = Actor.System;
        await Db.LockReturnsAsync(e.UserId, ct);

        // Seats come back at once (Snipe-IT's "check in" of a leaver's licences): nobody can use them any more.
        var licences = await Db.LicencesWithSeatOf(e.UserId).ToListAsync(ct);
        foreach (var licence in licences) licence.Release(licence.SeatOf(e.UserId, null)!.Id, by, now);

        var open = await Db.OpenReturnsOf(e.UserId).ToListAsync(ct);
        foreach (var request in open)
            foreach (var licence in licences) request.SettleSeat(licence.Key, by, now);

        var onboarding = await Db.KittingRequests.Include(r => r.Items)
            .Where(r => r.Kind == KittingKind.Onboarding && r.Status == KittingStatus.Open && r.UserId == e.UserId).ToListAsync(ct);
        foreach (var request in onboarding) request.Cancel(by, $"{e.UserId} left on {e.LeftOn:yyyy-MM-dd}.", now);

        // Hardware is collected: one request lists it all, without asking twice for what an open one asks already.
        var listed = open.SelectMany(r => r.Items).Select(i => i.LicenceKey).Where(k => k is not null).ToHashSet(StringComparer.Ordinal);
        listed.UnionWith(open.SelectMany(r => r.Outstanding));
        var assets = (await Db.AssetsHeldBy(e.UserId).ToListAsync(ct)).Where(a => !listed.Contains(a.Tag)).ToList();
        var seats = licences.Where(l => !listed.Contains(l.Key)).ToList();
        if (assets.Count == 0 && seats.Count == 0) return;

        if (open.FirstOrDefault() is { } existing)
        {
            foreach (var item in existing.AddForLeaver(assets, seats, by, now)) Db.Entry(item).State = EntityState.Added;
            return;
        }

        var number = await Db.NextNumberAsync(Sequences.Kitting, ct);
        Db.KittingRequests.Add(KittingRequest.OpenForLeaver(number, e.UserId, assets, seats, by, e.OccurredAt, now));
    }
}
