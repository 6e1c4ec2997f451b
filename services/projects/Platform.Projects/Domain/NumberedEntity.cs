namespace Platform.Projects.Domain;

/// <summary>
/// Something with a key of its own (PRJ-3, TSK-12, DLV-5): a GUID <see cref="Id"/> made here, not by the database,
/// and a <see cref="Number"/> from its database sequence that, behind the type's prefix, is the <see cref="Key"/>
/// people use. The mapping (Data/Configurations, <c>IsNumbered</c>) keys the table by id and keeps numbers unique.
/// </summary>
public abstract class NumberedEntity : AggregateRoot
{
    protected NumberedEntity() { }

    protected NumberedEntity(long number)
    {
        Id = Guid.CreateVersion7();
        Number = number;
    }

    public Guid Id { get; protected init; }
    public long Number { get; protected init; }
    public string Key => KeyPrefixOfType + Number;

    /// <summary>The type's key prefix ("RSK-"), its <c>KeyPrefix</c> constant.</summary>
    protected abstract string KeyPrefixOfType { get; }
}

/// <summary>A numbered entry of one project (issue, risk, escalation, meeting, status report), with the project's key beside its id.</summary>
public abstract class ProjectRecord : NumberedEntity
{
    protected ProjectRecord() { }

    protected ProjectRecord(long number, Project project) : base(number)
    {
        ProjectId = project.Id;
        ProjectKey = project.Key;
    }

    public Guid ProjectId { get; protected init; }
    public string ProjectKey { get; protected init; } = "";
}
