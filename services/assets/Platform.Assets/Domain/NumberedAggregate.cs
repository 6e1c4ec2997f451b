namespace Platform.Assets.Domain;

/// <summary>
/// An aggregate of this service numbered from its own sequence (shown as its key: AST-00031, LIC-4, KIT-7, PRQ-2),
/// with a Guid id assigned in code, its creation and last change, and the row version that makes a concurrent
/// change fail instead of overwriting (assets, licences, kitting and procurement requests).
/// </summary>
public abstract class NumberedAggregate : AggregateRoot
{
    public Guid Id { get; protected init; }
    public long Number { get; protected init; }
    public DateTimeOffset CreatedAt { get; protected init; }
    public DateTimeOffset UpdatedAt { get; protected set; }
    public uint Version { get; private set; }

    /// <summary>The number of a key (<paramref name="prefix"/> and a positive number, any case, white space around it ignored).</summary>
    public static bool TryParseKey(string reference, string prefix, out long number)
    {
        number = 0;
        var text = reference.Trim();
        return text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && long.TryParse(text.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number)
            && number > 0;
    }
}
