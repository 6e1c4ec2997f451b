namespace Platform.Projects.Data.Configurations;

internal sealed class VendorConfiguration : IEntityTypeConfiguration<Vendor>
{
    public void Configure(EntityTypeBuilder<Vendor> b)
    {
        b.IsNumbered("vendors").HasRowVersion();
        b.HasMaxLength(Lengths.Title, v => v.Name, v => v.NormalizedName, v => v.ContactEmail);
        b.HasMaxLength(Lengths.Text, v => v.Notes);
        b.HasIndex(v => v.NormalizedName).IsUnique();
    }
}

internal sealed class VendorContractConfiguration : IEntityTypeConfiguration<VendorContract>
{
    public void Configure(EntityTypeBuilder<VendorContract> b)
    {
        b.IsNumbered("vendor_contracts").BelongsToProject().HasRowVersion();
        b.HasOne<Vendor>().WithMany().HasForeignKey(c => c.VendorId).OnDelete(DeleteBehavior.Restrict);
        b.HasMaxLength(Lengths.Title, c => c.Title);
        b.HasMaxLength(Lengths.Text, c => c.SlaTerms);
        b.HasMaxLength(Lengths.Person, c => c.CreatedBy);
        b.Property(c => c.Value).HasPrecision(18, 2);
        b.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
        b.HasIndex(c => c.VendorId);
    }
}

internal sealed class VendorQuoteConfiguration : IEntityTypeConfiguration<VendorQuote>
{
    public void Configure(EntityTypeBuilder<VendorQuote> b)
    {
        b.ToTable("vendor_quotes");
        b.HasKey(q => new { q.RequestId, q.NormalizedVendor });
        b.HasMaxLength(Lengths.Title, q => q.Vendor, q => q.NormalizedVendor);
        b.HasMaxLength(Lengths.Key, q => q.RequestKey);
        b.HasIndex(q => q.NormalizedVendor);
    }
}
