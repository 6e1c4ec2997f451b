using Platform.Contracts.Projects;
using Platform.Messaging.Outbox;

namespace Platform.Projects.Domain;

/// <summary>A project in the company's portfolio (PRJ-7).</summary>
public sealed class Project : AggregateRoot
{
    public const string KeyPrefix = "PRJ-";

    private Project() { }

    public Guid Id { get; private init; }
    public long Number { get; private set; }
    public string Key => KeyPrefix + Number;
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string Manager { get; private set; } = "";
    public DateOnly? StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public static Project Create(
        long number, string name, string description, string manager, DateOnly? start, DateOnly? end, DateTimeOffset now)
    {
        var project = new Project
        {
            Id = Guid.CreateVersion7(),
            Number = number,
            Name = name,
            Description = description,
            Manager = manager,
            StartDate = start,
            EndDate = end,
            CreatedAt = now,
            UpdatedAt = now,
        };
        project.Raise(new ProjectCreated(project.Id, project.Key, name, manager, now));
        return project;
    }
}
