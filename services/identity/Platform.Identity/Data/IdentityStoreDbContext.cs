using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using Platform.Messaging;

namespace Platform.Identity.Data;

/// <summary>
/// Users and roles (ASP.NET Core Identity), OpenIddict's clients, scopes, authorizations and tokens, the token
/// server's keys and the Data Protection key ring; the people directory's profile, SCIM groups and set-password
/// links; the platform's outbox and inbox (person events leave in the same transaction as the user change).
/// </summary>
public sealed class IdentityStoreDbContext(DbContextOptions<IdentityStoreDbContext> options)
    : IdentityDbContext<ApplicationUser, IdentityRole, string>(options)
{
    public DbSet<ServerKey> ServerKeys => Set<ServerKey>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ScimGroup> ScimGroups => Set<ScimGroup>();

    public DbSet<ScimGroupMember> ScimGroupMembers => Set<ScimGroupMember>();

    public DbSet<PasswordLink> PasswordLinks => Set<PasswordLink>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Plain snake_case table names instead of the libraries' AspNet…/OpenIddict… ones.
        builder.Entity<ApplicationUser>().ToTable("users");
        builder.Entity<IdentityRole>().ToTable("roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
        builder.Entity<OpenIddictEntityFrameworkCoreApplication>().ToTable("oidc_applications");
        builder.Entity<OpenIddictEntityFrameworkCoreAuthorization>().ToTable("oidc_authorizations");
        builder.Entity<OpenIddictEntityFrameworkCoreScope>().ToTable("oidc_scopes");
        builder.Entity<OpenIddictEntityFrameworkCoreToken>().ToTable("oidc_tokens");

        builder.ApplyConfigurationsFromAssembly(typeof(IdentityStoreDbContext).Assembly);
        builder.AddPlatformTables();
    }
}
