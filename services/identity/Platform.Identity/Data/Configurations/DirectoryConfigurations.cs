using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.ServiceDefaults;
using Platform.Identity.Domain;

namespace Platform.Identity.Data.Configurations;

public sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        // Its table is named in IdentityStoreDbContext, beside the other Identity tables (constraint names follow it).
        builder.Property(u => u.DisplayName).HasMaxLength(Lengths.DisplayName);
        builder.Property(u => u.Department).HasMaxLength(Lengths.Department);
        builder.Property(u => u.ManagerId).HasMaxLength(Lengths.Person);
        builder.Property(u => u.ExternalId).HasMaxLength(Lengths.ExternalId);
        builder.Property(u => u.Active).HasDefaultValue(true);
        builder.Property(u => u.AssignedRoles).HasDefaultValueSql("'{}'::text[]");
        builder.HasIndex(u => u.ExternalId);
        builder.HasIndex(u => new { u.DisplayName, u.Id });
    }
}

public sealed class ScimGroupConfiguration : IEntityTypeConfiguration<ScimGroup>
{
    public void Configure(EntityTypeBuilder<ScimGroup> builder)
    {
        builder.HasAssignedKey("scim_groups", g => g.Id);
        builder.Property(g => g.DisplayName).HasMaxLength(Lengths.GroupName);
        builder.Property(g => g.ExternalId).HasMaxLength(Lengths.ExternalId);
        builder.HasIndex(g => g.DisplayName).IsUnique();
        builder.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ScimGroupMemberConfiguration : IEntityTypeConfiguration<ScimGroupMember>
{
    public void Configure(EntityTypeBuilder<ScimGroupMember> builder)
    {
        builder.ToTable("scim_group_members");
        builder.HasKey(m => new { m.GroupId, m.UserId });
        builder.Property(m => m.UserId).HasMaxLength(Lengths.Person);
        builder.HasIndex(m => m.UserId);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PasswordLinkConfiguration : IEntityTypeConfiguration<PasswordLink>
{
    public void Configure(EntityTypeBuilder<PasswordLink> builder)
    {
        builder.HasAssignedKey("password_links", l => l.Id);
        builder.Property(l => l.UserId).HasMaxLength(Lengths.Person);
        builder.Property(l => l.TokenHash).HasMaxLength(Lengths.TokenHash);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
