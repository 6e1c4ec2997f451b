using System.Collections.Concurrent;
using Platform.ServiceDefaults;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Wakes the outbox dispatcher as soon as a transaction that wrote outbox rows commits, and hands it those rows, so that
/// it publishes them without claiming them from the table first (decision 0022). Rows are handed off only while a
/// dispatcher runs in this process (<see cref="Accepting"/>) and while fewer than <see cref="Capacity"/> wait; any
/// other row waits in the table for the dispatcher's claim, as every row did before.
/// </summary>
public sealed class OutboxSignal : WakeSignal
{
    /// <summary>Most rows waiting to be published from memory; a backlog beyond this goes by the claim.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentQueue<OutboxMessage> _rows = new();
    private int _count;

    /// <summary>Set by the dispatcher when it starts: without one, nothing would take the rows handed off.</summary>
    internal bool Accepting { get; set; }

    /// <summary>Rows waiting in memory.</summary>
    public int Waiting => Volatile.Read(ref _count);

    /// <summary>Committed outbox rows of this process: the dispatcher publishes them on its next pass.</summary>
    public void HandOff(IReadOnlyList<OutboxMessage> rows)
    {
        if (Accepting)
        {
            foreach (var row in rows)
            {
                if (Interlocked.Increment(ref _count) > Capacity)
                {
                    Interlocked.Decrement(ref _count);
                    break;
                }
                _rows.Enqueue(row);
            }
        }
        Wake();
    }

    /// <summary>Up to <paramref name="max"/> rows handed off, oldest first.</summary>
    internal List<OutboxMessage> Take(int max)
    {
        var taken = new List<OutboxMessage>(Math.Min(max, Waiting));
        while (taken.Count < max && _rows.TryDequeue(out var row))
        {
            Interlocked.Decrement(ref _count);
            taken.Add(row);
        }
        return taken;
    }
}
