namespace Platform.Data;

/// <summary>One change of one row: who (the token's subject, or "system"), when, what (old and new values).</summary>
public sealed class AuditEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Entity { get; init; }
    public required string EntityId { get; init; }
    public required string Action { get; init; }
    public required string Actor { get; init; }
    public DateTimeOffset At { get; init; }

    /// <summary>JSON object: property → [old, new] (Added: [null, new]).</summary>
    public required string Changes { get; init; }
}
