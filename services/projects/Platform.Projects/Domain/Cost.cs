using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Projects.Domain;

/// <summary>What money is spent on; a project's budget and its actual costs are both split by these.</summary>
public enum CostCategory { Labour, Hardware, Software, Services, Other }

/// <summary>Where an actual cost came from: recorded by a person, or from a procurement received for the project.</summary>
public enum CostSource { Manual, Procurement }

/// <summary>An approved procurement for the project: open until everything is received, or cancelled.</summary>
public enum CommitmentStatus { Open, Received, Cancelled }

/// <summary>Amounts and currencies as every cost path checks them.</summary>
public static partial class Money
{
    /// <summary>The largest amount one line may carry (the columns hold 18 digits, 2 after the point).</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    /// <summary>An ISO 4217 code as three capital letters ("JPY", "EUR"); case is folded by the caller.</summary>
    public static bool IsCurrency(string? code) => code is not null && CurrencyPattern().IsMatch(code);

    /// <summary>A currency as a client sent it, as the code it means: trimmed, in capitals (null stays null).</summary>
    public static string? CurrencyCode(string? text) => text?.Trim().ToUpperInvariant();

    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>"2026-04" → the first day of that month; null for anything else (or a year outside 2000–2100).</summary>
    public static DateOnly? ParsePeriod(string? text) =>
        text is { Length: 7 } && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            && d.Year is >= 2000 and <= 2100 ? d : null;

    public static string Period(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

/// <summary>One cell of a project's budget: a month and a category, with its amount in the project's currency.</summary>
public sealed class BudgetLine
{
    public Guid ProjectId { get; init; }
    public DateOnly Period { get; init; }
    public CostCategory Category { get; init; }
    public decimal Amount { get; init; }
}

/// <summary>An actual cost of a project: a dated amount in a category, recorded by hand or taken from a procurement received.</summary>
public sealed class CostEntry
{
    private CostEntry() { }

    public Guid Id { get; private init; }
    public Guid ProjectId { get; private init; }
    public DateOnly Date { get; private init; }
    public CostCategory Category { get; private init; }
    public decimal Amount { get; private init; }
    public string Currency { get; private init; } = "";
    public string Description { get; private init; } = "";
    public CostSource Source { get; private init; }

    /// <summary>What the cost came from (the procurement request's key) when not recorded by hand.</summary>
    public string? SourceKey { get; private init; }

    /// <summary>The event it was taken from: one cost per event, however often the event is delivered.</summary>
    public Guid? SourceEventId { get; private init; }
    public string RecordedBy { get; private init; } = "";
    public DateTimeOffset RecordedAt { get; private init; }

    public static CostEntry Record(Project project, DateOnly date, CostCategory category, decimal amount, string currency, string description,
        string by, DateTimeOffset now, CostSource source = CostSource.Manual, string? sourceKey = null, Guid? sourceEventId = null)
    {
        if (amount < 0) throw new DomainException("negative-amount", "A cost cannot be negative; record a correction by deleting the entry.");
        if (amount > Money.MaxAmount) throw new DomainException("amount-too-large", $"A cost is at most {Money.MaxAmount:N0}.");
        if (!string.Equals(currency, project.Currency, StringComparison.Ordinal) && source == CostSource.Manual)
            throw new DomainException("currency-mismatch", $"{project.Key} keeps its costs in {project.Currency}, not {currency}.");
        return new CostEntry
        {
            Id = Guid.CreateVersion7(), ProjectId = project.Id, Date = date, Category = category, Amount = Money.Round(amount), Currency = currency,
            Description = description, Source = source, SourceKey = sourceKey, SourceEventId = sourceEventId, RecordedBy = by, RecordedAt = now,
        };
    }
}

/// <summary>
/// Money a project is committed to but has not spent yet: a procurement approved for it, less what has been received.
/// Keyed by the procurement request, so its events (approved, received) find the same row whatever their order.
/// </summary>
public sealed class Commitment
{
    private Commitment() { }

    public Guid RequestId { get; private init; }
    public Guid ProjectId { get; private init; }
    public string RequestKey { get; private init; } = "";
    public string Title { get; private set; } = "";
    public string Vendor { get; private set; } = "";
    public decimal Total { get; private set; }
    public decimal Received { get; private set; }
    public string Currency { get; private init; } = "";
    public CommitmentStatus Status { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>What is still to be spent: nothing once received in full or cancelled.</summary>
    public decimal Outstanding => Status == CommitmentStatus.Open ? Math.Max(0, Total - Received) : 0;

    public static Commitment Open(Guid requestId, Project project, string requestKey, string currency, DateTimeOffset now) => new()
    {
        RequestId = requestId, ProjectId = project.Id, RequestKey = requestKey, Currency = currency, Status = CommitmentStatus.Open, UpdatedAt = now,
    };

    public void Approve(string title, string vendor, decimal total, DateTimeOffset now)
    {
        (Title, Vendor, Total, UpdatedAt) = (title, vendor, Money.Round(total), now);
    }

    public void Cancel(DateTimeOffset now)
    {
        if (Status == CommitmentStatus.Open) (Status, UpdatedAt) = (CommitmentStatus.Cancelled, now);
    }

    public void Receive(decimal amount, bool fully, DateTimeOffset now)
    {
        Received = Money.Round(Received + amount);
        if (fully) Status = CommitmentStatus.Received;
        UpdatedAt = now;
    }
}

/// <summary>What an hour of a project role costs, per currency ("engineer" at 8,000 JPY); labour actuals are allocations × these.</summary>
public sealed class LabourRate
{
    public string Role { get; init; } = "";
    public string Currency { get; init; } = "";
    public decimal HourlyRate { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A task's percent done as it stood at the end of a day: earned value through time is read from these.</summary>
public sealed class TaskProgressEntry
{
    public Guid TaskId { get; init; }
    public Guid ProjectId { get; init; }
    public DateOnly On { get; init; }
    public int Percent { get; set; }
}
