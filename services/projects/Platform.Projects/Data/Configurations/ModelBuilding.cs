using System.Linq.Expressions;

namespace Platform.Projects.Data.Configurations;

/// <summary>The mapping blocks every entity of the projects model repeats, said once.</summary>
internal static class ModelBuilding
{
    /// <summary>
    /// A numbered thing (PRJ-3, RSK-4): its GUID <c>Id</c> is the key (made by the domain, not the database), its
    /// <c>Number</c> is unique, its <c>Key</c> is computed from the number and not stored (a property without a setter is no column).
    /// </summary>
    public static EntityTypeBuilder<T> IsNumbered<T>(this EntityTypeBuilder<T> b, string table) where T : class
    {
        b.HasAssignedKey(table);
        b.HasIndex("Number").IsUnique();
        return b;
    }

    /// <summary>
    /// Something of a project: <c>ProjectId</c> references the project (which cannot be deleted under it) and, when it
    /// has one, <c>ProjectKey</c> keeps the project's key beside it.
    /// </summary>
    public static EntityTypeBuilder<T> BelongsToProject<T>(this EntityTypeBuilder<T> b, bool withKey = true) where T : class
    {
        if (withKey) b.Property<string>("ProjectKey").HasMaxLength(Lengths.Key);
        b.HasOne<Project>().WithMany().HasForeignKey("ProjectId").OnDelete(DeleteBehavior.Restrict);
        return b;
    }
}
