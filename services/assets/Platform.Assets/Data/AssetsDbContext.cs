namespace Platform.Assets.Data;

public sealed class AssetsDbContext(DbContextOptions<AssetsDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Asset> Assets => Set<Asset>();
    public DbSet<AssetHistoryEntry> AssetHistory => Set<AssetHistoryEntry>();
    public DbSet<AssetIncident> Incidents => Set<AssetIncident>();
    public DbSet<Licence> Licences => Set<Licence>();
    public DbSet<LicenceSeat> LicenceSeats => Set<LicenceSeat>();
    public DbSet<KitProfile> KitProfiles => Set<KitProfile>();
    public DbSet<KittingRequest> KittingRequests => Set<KittingRequest>();
    public DbSet<ProcurementRequest> Procurements => Set<ProcurementRequest>();

    public const string MembershipIndex = "ux_kitting_requests_membership";

    protected override IEnumerable<string> NumberSequences =>
        [Sequences.Assets, Sequences.Licences, Sequences.Kitting, Sequences.Procurement];
}

public static class Sequences
{
    public const string Assets = "asset_numbers";
    public const string Licences = "licence_numbers";
    public const string Kitting = "kitting_request_numbers";
    public const string Procurement = "procurement_request_numbers";
}
