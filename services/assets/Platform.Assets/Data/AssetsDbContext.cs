using Microsoft.EntityFrameworkCore;
using Platform.Assets.Domain;
using Platform.Messaging;

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

        modelBuilder.Entity<Asset>(b =>
        {
            b.ToTable("assets");
            b.HasKey(a => a.Id);
            b.Property(a => a.Id).ValueGeneratedNever();
            b.HasIndex(a => a.Number).IsUnique();
            b.Ignore(a => a.Tag);
            b.Ignore(a => a.Details);
            b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
            b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(a => a.Model).HasMaxLength(200);
            b.Property(a => a.Serial).HasMaxLength(100);
            b.Property(a => a.Vendor).HasMaxLength(200);
            b.Property(a => a.Location).HasMaxLength(200);
            b.Property(a => a.Cost).HasPrecision(18, 2);
            b.Property(a => a.AssignedTo).HasMaxLength(200);
            b.Property(a => a.ProjectKey).HasMaxLength(50);
            b.Property(a => a.Version).IsRowVersion();
            // One asset per serial number (when known): a second import of the same device is refused.
            b.HasIndex(a => a.Serial).IsUnique().HasFilter("serial IS NOT NULL");
            b.HasIndex(a => new { a.AssignedTo, a.Number });
            b.HasIndex(a => new { a.Status, a.Number });
            b.HasIndex(a => a.WarrantyEnd).HasFilter("warranty_end IS NOT NULL AND status NOT IN ('Retired', 'Disposed')")
                .HasDatabaseName("ix_assets_warranty_watch");
            b.HasMany(a => a.History).WithOne().HasForeignKey(h => h.AssetId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(a => a.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<AssetHistoryEntry>(b =>
        {
            b.ToTable("asset_history");
            b.HasKey(h => h.Id);
            b.Property(h => h.Id).UseIdentityAlwaysColumn();
            b.Property(h => h.Action).HasMaxLength(30);
            b.Property(h => h.FromStatus).HasConversion<string>().HasMaxLength(20);
            b.Property(h => h.ToStatus).HasConversion<string>().HasMaxLength(20);
            b.Property(h => h.AssignedTo).HasMaxLength(200);
            b.Property(h => h.ProjectKey).HasMaxLength(50);
            b.Property(h => h.By).HasMaxLength(200);
            b.Property(h => h.Note).HasMaxLength(2_000);
            b.HasIndex(h => new { h.AssetId, h.At });
        });

        modelBuilder.Entity<AssetIncident>(b =>
        {
            b.ToTable("asset_incidents");
            b.HasKey(i => i.TicketId);
            b.Property(i => i.TicketId).ValueGeneratedNever();
            b.Property(i => i.TicketKey).HasMaxLength(50);
            b.Property(i => i.AssetTag).HasMaxLength(50);
            b.Property(i => i.Title).HasMaxLength(200);
            b.Property(i => i.Priority).HasMaxLength(10);
            b.Property(i => i.Status).HasMaxLength(30);
            b.Ignore(i => i.IsOpen);
            b.HasIndex(i => new { i.AssetTag, i.OpenedAt });
        });

        modelBuilder.Entity<Licence>(b =>
        {
            b.ToTable("licences");
            b.HasKey(l => l.Id);
            b.Property(l => l.Id).ValueGeneratedNever();
            b.HasIndex(l => l.Number).IsUnique();
            b.Ignore(l => l.Key);
            b.Ignore(l => l.Count);
            b.Ignore(l => l.ActiveSeats);
            b.Property(l => l.Product).HasMaxLength(200);
            b.Property(l => l.Vendor).HasMaxLength(200);
            b.Property(l => l.Cost).HasPrecision(18, 2);
            b.Property(l => l.Version).IsRowVersion();
            b.HasIndex(l => l.ExpiresOn).HasFilter("expires_on IS NOT NULL").HasDatabaseName("ix_licences_expiry_watch");
            b.HasMany(l => l.Assignments).WithOne().HasForeignKey(s => s.LicenceId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(l => l.Assignments).HasField("_seats").UsePropertyAccessMode(PropertyAccessMode.Field);
            b.ToTable(t => t.HasCheckConstraint("ck_licences_seats", "seats >= 0"));
        });

        modelBuilder.Entity<LicenceSeat>(b =>
        {
            b.ToTable("licence_seats");
            b.HasKey(s => s.Id);
            b.Property(s => s.Id).ValueGeneratedNever();
            b.Property(s => s.UserId).HasMaxLength(200);
            b.Property(s => s.AssetTag).HasMaxLength(50);
            b.Property(s => s.AssignedBy).HasMaxLength(200);
            b.Property(s => s.ReleasedBy).HasMaxLength(200);
            b.HasIndex(s => s.UserId).HasFilter("released_at IS NULL");
            b.HasIndex(s => s.AssetId).HasFilter("released_at IS NULL");
            // One active seat per holder and licence, whoever races to assign it.
            b.HasIndex(s => new { s.LicenceId, s.UserId }).IsUnique().HasFilter("released_at IS NULL AND user_id IS NOT NULL");
            b.HasIndex(s => new { s.LicenceId, s.AssetId }).IsUnique().HasFilter("released_at IS NULL AND asset_id IS NOT NULL");
        });

        modelBuilder.Entity<KitProfile>(b =>
        {
            b.ToTable("kit_profiles");
            b.HasKey(p => p.Id);
            b.Property(p => p.Id).ValueGeneratedNever();
            b.Property(p => p.Name).HasMaxLength(200);
            b.HasIndex(p => p.Name).IsUnique();
            b.Property(p => p.ProjectKey).HasMaxLength(50);
            b.Property(p => p.Role).HasMaxLength(50);
            b.Property(p => p.Items).HasColumnType("jsonb").HasConversion(
                v => System.Text.Json.JsonSerializer.Serialize(v, EventTypes.Json),
                v => System.Text.Json.JsonSerializer.Deserialize<List<KitItem>>(v, EventTypes.Json) ?? new List<KitItem>(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<KitItem>>(
                    (a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, i) => HashCode.Combine(h, i.GetHashCode())), v => v.ToList()));
            b.Property(p => p.Version).IsRowVersion();
        });

        modelBuilder.Entity<KittingRequest>(b =>
        {
            b.ToTable("kitting_requests");
            b.HasKey(r => r.Id);
            b.Property(r => r.Id).ValueGeneratedNever();
            b.HasIndex(r => r.Number).IsUnique();
            b.Ignore(r => r.Key);
            b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
            b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(r => r.ProjectKey).HasMaxLength(50);
            b.Property(r => r.UserId).HasMaxLength(200);
            b.Property(r => r.Role).HasMaxLength(50);
            b.Property(r => r.KitProfile).HasMaxLength(200);
            b.Property(r => r.CompletedBy).HasMaxLength(200);
            b.Property(r => r.Note).HasMaxLength(2_000);
            b.Property(r => r.Version).IsRowVersion();
            // One request per membership, however often (and under whatever message id) the event arrives.
            b.HasIndex(r => new { r.Kind, r.ProjectId, r.UserId, r.MembershipAt }).IsUnique().HasDatabaseName(MembershipIndex);
            b.HasIndex(r => new { r.Status, r.Number });
            b.HasIndex(r => new { r.UserId, r.Number });
            b.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.RequestId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(r => r.Items).HasField("_items").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<KittingItem>(b =>
        {
            b.ToTable("kitting_items");
            b.HasKey(i => i.Id);
            b.Property(i => i.Id).ValueGeneratedNever();
            b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
            b.Property(i => i.AssetKind).HasConversion<string>().HasMaxLength(20);
            b.Property(i => i.Description).HasMaxLength(500);
            b.Property(i => i.Model).HasMaxLength(200);
            b.Property(i => i.Product).HasMaxLength(200);
            b.Property(i => i.AssetTag).HasMaxLength(50);
            b.Property(i => i.LicenceKey).HasMaxLength(50);
            b.Property(i => i.DoneBy).HasMaxLength(200);
            b.Property(i => i.Note).HasMaxLength(2_000);
            b.HasIndex(i => new { i.RequestId, i.Position }).IsUnique();
        });

        modelBuilder.Entity<ProcurementRequest>(b =>
        {
            b.ToTable("procurement_requests");
            b.HasKey(r => r.Id);
            b.Property(r => r.Id).ValueGeneratedNever();
            b.HasIndex(r => r.Number).IsUnique();
            b.Ignore(r => r.Key);
            b.Property(r => r.Title).HasMaxLength(200);
            b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(r => r.RequestedBy).HasMaxLength(200);
            b.Property(r => r.ApprovedVendor).HasMaxLength(200);
            b.Property(r => r.ApprovedBy).HasMaxLength(200);
            b.Property(r => r.OrderReference).HasMaxLength(100);
            b.Property(r => r.Note).HasMaxLength(2_000);
            b.Property(r => r.Version).IsRowVersion();
            b.HasIndex(r => new { r.Status, r.Number });
            b.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.RequestId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(r => r.Items).HasField("_items").UsePropertyAccessMode(PropertyAccessMode.Field);
            b.HasMany(r => r.Quotes).WithOne().HasForeignKey(q => q.RequestId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(r => r.Quotes).HasField("_quotes").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<ProcurementItem>(b =>
        {
            b.ToTable("procurement_items");
            b.HasKey(i => i.Id);
            b.Property(i => i.Id).ValueGeneratedNever();
            b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
            b.Property(i => i.Model).HasMaxLength(200);
            b.ToTable(t => t.HasCheckConstraint("ck_procurement_items_received", "received BETWEEN 0 AND quantity"));
        });

        modelBuilder.Entity<Quote>(b =>
        {
            b.ToTable("procurement_quotes");
            b.HasKey(q => q.Id);
            b.Property(q => q.Id).ValueGeneratedNever();
            b.Property(q => q.Vendor).HasMaxLength(200);
            b.Property(q => q.UnitPrice).HasPrecision(18, 2);
            b.Property(q => q.RecordedBy).HasMaxLength(200);
            b.HasOne<ProcurementItem>().WithMany().HasForeignKey(q => q.ItemId).OnDelete(DeleteBehavior.Cascade);
        });

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
