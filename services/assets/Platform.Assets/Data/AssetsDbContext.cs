namespace Platform.Assets.Data;

public sealed class AssetsDbContext(DbContextOptions<AssetsDbContext> options) : DbContext(options)
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

    public async Task<long> NextNumberAsync(string sequence, CancellationToken cancellationToken) =>
        await Database.SqlQuery<long>($"SELECT nextval({sequence}::regclass) AS \"Value\"").SingleAsync(cancellationToken);

    /// <summary>Reserves <paramref name="count"/> numbers of a sequence at once (bulk import, receipts).</summary>
    public async Task<IReadOnlyList<long>> NextNumbersAsync(string sequence, int count, CancellationToken cancellationToken) =>
        count == 0
            ? []
            : await Database.SqlQuery<long>($"SELECT nextval({sequence}::regclass) AS \"Value\" FROM generate_series(1, {count})").ToListAsync(cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasSequence<long>(Sequences.Assets);
        modelBuilder.HasSequence<long>(Sequences.Licences);
        modelBuilder.HasSequence<long>(Sequences.Kitting);
        modelBuilder.HasSequence<long>(Sequences.Procurement);

        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AssetsDbContext).Assembly);
        modelBuilder.AddPlatformTables();
    }
}

public static class Sequences
{
    public const string Assets = "asset_numbers";
    public const string Licences = "licence_numbers";
    public const string Kitting = "kitting_request_numbers";
    public const string Procurement = "procurement_request_numbers";
}
