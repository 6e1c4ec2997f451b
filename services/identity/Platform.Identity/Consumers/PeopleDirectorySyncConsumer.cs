using Platform.Contracts.People;
using Platform.Identity.Features.Users;
using Platform.Messaging.Inbox;

namespace Platform.Identity.Consumers;

/// <summary>
/// A service's copy of the directory is empty (its first start, when the people seeded before its queue existed
/// reached no one): publish everyone again, in one transaction with the inbox row.
/// </summary>
public sealed class PeopleDirectorySyncConsumer(IdentityStoreDbContext db, UserDirectory directory)
    : IdempotentConsumer<PeopleDirectorySyncRequested, IdentityStoreDbContext>(db)
{
    protected override Task HandleAsync(PeopleDirectorySyncRequested message, CancellationToken ct) =>
        directory.RepublishAsync(ct);
}
