using Microsoft.EntityFrameworkCore;

namespace Platform.Data.People;

/// <summary>
/// One person in a service's own copy of the people directory, kept from identity's PersonJoined, PersonChanged and
/// PersonLeft events (Platform.Messaging's PeopleDirectoryConsumer), or learnt from the tokens people sign in
/// with where no provider publishes them (<see cref="PeopleDirectoryOptions.LearnFromTokens"/>). Every id a client
/// names (an assignee, a member, an owner, a seat holder) is checked against it (<see cref="PeopleDirectory"/>).
/// </summary>
[NotAudited]
public sealed class DirectoryPerson
{
    public required string UserId { get; init; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    public string? Email { get; set; }
    public string? Department { get; set; }
    public string? ManagerId { get; set; }
    public List<string> Roles { get; set; } = [];
    public bool Active { get; set; }
    public DateOnly? LeftOn { get; set; }

    /// <summary>Identity's version of this person; an event older than it is ignored. 0: learnt from a token.</summary>
    public long Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>A copy, to compare a person before and after an event.</summary>
    public DirectoryPerson Snapshot()
    {
        var copy = (DirectoryPerson)MemberwiseClone();
        copy.Roles = [.. Roles];
        return copy;
    }
}

public static class DirectoryModelBuilderExtensions
{
    public const int IdLength = 200;
    public const int EmailLength = 320;

    /// <summary>Maps <see cref="DirectoryPerson"/> to the <c>directory_people</c> table.</summary>
    public static ModelBuilder AddPeopleDirectory(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DirectoryPerson>(b =>
        {
            b.ToTable("directory_people");
            b.HasKey(p => p.UserId);
            b.Property(p => p.UserId).HasMaxLength(IdLength);
            b.Property(p => p.UserName).HasMaxLength(IdLength);
            b.Property(p => p.DisplayName).HasMaxLength(IdLength);
            b.Property(p => p.Email).HasMaxLength(EmailLength);
            b.Property(p => p.Department).HasMaxLength(IdLength);
            b.Property(p => p.ManagerId).HasMaxLength(IdLength);
            b.HasIndex(p => p.Roles).HasMethod("gin");
            b.HasIndex(p => p.Department);
        });
        return modelBuilder;
    }
}
