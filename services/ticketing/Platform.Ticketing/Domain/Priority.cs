namespace Platform.Ticketing.Domain;

public enum Impact { Low, Medium, High }

public enum Urgency { Low, Medium, High }

public enum Priority { P1, P2, P3, P4 }

/// <summary>
/// The priority matrix: how widely a fault hurts (impact) by how soon it hurts (urgency). The ITIL default is
/// <code>
///              urgency High  Medium  Low
/// impact High          P1    P2      P3
///        Medium        P2    P3      P4
///        Low           P3    P4      P4
/// </code>
/// and an organisation overrides any cell through "Tickets:PriorityMatrix:{Impact}:{Urgency}" (e.g.
/// <c>Tickets__PriorityMatrix__Low__High=P2</c>). A major incident is a flag above P1, declared by an agent.
/// </summary>
public sealed class PriorityMatrix
{
    private readonly Priority[,] _cells;

    private PriorityMatrix(Priority[,] cells) => _cells = cells;

    public static PriorityMatrix Default { get; } = new(new[,]
    {
        // urgency: Low         Medium       High          impact:
        { Priority.P4, Priority.P4, Priority.P3 }, // Low
        { Priority.P4, Priority.P3, Priority.P2 }, // Medium
        { Priority.P3, Priority.P2, Priority.P1 }, // High
    });

    /// <summary>The default matrix with the configured cells replaced.</summary>
    public static PriorityMatrix From(IReadOnlyDictionary<Impact, Dictionary<Urgency, Priority>>? overrides)
    {
        var cells = (Priority[,])Default._cells.Clone();
        foreach (var (impact, row) in overrides ?? new Dictionary<Impact, Dictionary<Urgency, Priority>>())
        foreach (var (urgency, priority) in row)
        {
            if (!Enum.IsDefined(impact) || !Enum.IsDefined(urgency) || !Enum.IsDefined(priority))
                throw new ArgumentOutOfRangeException(nameof(overrides), $"Tickets:PriorityMatrix:{impact}:{urgency} = {priority} is not a valid cell.");
            cells[(int)impact, (int)urgency] = priority;
        }

        return new PriorityMatrix(cells);
    }

    /// <summary>Whether every configured cell names an impact, urgency and priority that exist.</summary>
    public static bool IsValid(IReadOnlyDictionary<Impact, Dictionary<Urgency, Priority>>? overrides) =>
        overrides is null || overrides.All(row => Enum.IsDefined(row.Key)
            && row.Value.All(cell => Enum.IsDefined(cell.Key) && Enum.IsDefined(cell.Value)));

    public Priority For(Impact impact, Urgency urgency) =>
        Enum.IsDefined(impact) && Enum.IsDefined(urgency)
            ? _cells[(int)impact, (int)urgency]
            : throw new ArgumentOutOfRangeException(nameof(impact), $"Unknown impact/urgency {impact}/{urgency}.");

    /// <summary>The matrix as rows of impact, each mapping urgency to priority (for the API and documentation).</summary>
    public IReadOnlyDictionary<Impact, IReadOnlyDictionary<Urgency, Priority>> ToTable() =>
        Enum.GetValues<Impact>().ToDictionary(i => i,
            i => (IReadOnlyDictionary<Urgency, Priority>)Enum.GetValues<Urgency>().ToDictionary(u => u, u => For(i, u)));
}
