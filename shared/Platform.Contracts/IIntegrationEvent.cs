namespace Platform.Contracts;

/// <summary>
/// Marker for every integration event in the public catalogue. Events are immutable records, named in the
/// past tense, carrying only data. Change them additively; a breaking change is a new type (…V2).
/// </summary>
public interface IIntegrationEvent
{
    DateTimeOffset OccurredAt { get; }
}
