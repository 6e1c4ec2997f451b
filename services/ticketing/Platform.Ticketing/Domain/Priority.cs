namespace Platform.Ticketing.Domain;

public enum Impact { Low, Medium, High }

public enum Urgency { Low, Medium, High }

public enum Priority { P1, P2, P3, P4 }

/// <summary>
/// ITIL priority matrix: how widely a fault hurts (impact) by how soon it hurts (urgency).
/// <code>
///              urgency High  Medium  Low
/// impact High          P1    P2      P3
///        Medium        P2    P3      P4
///        Low           P3    P4      P4
/// </code>
/// </summary>
public static class PriorityMatrix
{
    public static Priority For(Impact impact, Urgency urgency) => (impact, urgency) switch
    {
        (Impact.High, Urgency.High) => Priority.P1,
        (Impact.High, Urgency.Medium) or (Impact.Medium, Urgency.High) => Priority.P2,
        (Impact.High, Urgency.Low) or (Impact.Medium, Urgency.Medium) or (Impact.Low, Urgency.High) => Priority.P3,
        (Impact.Medium, Urgency.Low) or (Impact.Low, Urgency.Medium) or (Impact.Low, Urgency.Low) => Priority.P4,
        _ => throw new ArgumentOutOfRangeException(nameof(impact), $"Unknown impact/urgency {impact}/{urgency}."),
    };
}
