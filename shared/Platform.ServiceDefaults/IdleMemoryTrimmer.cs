using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults;

/// <summary>The "Memory" section: giving memory back once a busy spell is over.</summary>
public sealed class MemoryOptions
{
    /// <summary>False keeps whatever the garbage collector holds (it gives memory back only when it runs).</summary>
    public bool IdleTrim { get; set; } = true;

    /// <summary>How often the process checks whether it has gone idle.</summary>
    public TimeSpan IdleCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>At most this much allocated since the previous check counts as idle (a few requests or polls).</summary>
    public long IdleAllocationBytes { get; set; } = 16L << 20;

    /// <summary>After the collection, also hand the C heap's free pages back (glibc's malloc_trim; nothing elsewhere).</summary>
    public bool NativeTrim { get; set; } = true;

    /// <summary>Trim when the heap's committed memory grew at least this much since the last trim (or since start).</summary>
    public long TrimThresholdBytes { get; set; } = 32L << 20;
}

/// <summary>
/// After a burst of work (an alert storm, a bulk import) a .NET process keeps the memory its heap grew to: the
/// garbage collector decommits only when it collects, and an idle process allocates too little to make it collect.
/// Every <see cref="MemoryOptions.IdleCheckInterval"/> this job looks at what the process allocated since the last
/// look; once that is little (idle) while the heap's committed memory is well above what it was after the last trim,
/// it runs one full, compacting collection that decommits all it can (<see cref="GCCollectionMode.Aggressive"/>).
/// So a site that just took a storm goes back to its quiet footprint within seconds, and a process is trimmed once per
/// busy spell (some check saw it allocate more than an idle one since the last trim), never while it is busy (where
/// the pause would cost and the memory would be taken again at once), and not again and again under a steady trickle.
/// </summary>
public sealed partial class IdleMemoryTrimmer(IOptions<MemoryOptions> options, ILogger<IdleMemoryTrimmer> logger) : PollingWorker
{
    private long _allocatedAtLastCheck = GC.GetTotalAllocatedBytes();
    private bool _busySinceTrim;

    protected override bool Enabled => options.Value.IdleTrim;

    protected override TimeSpan Interval => options.Value.IdleCheckInterval;

    /// <summary>How many times this process was trimmed.</summary>
    public int Trims { get; private set; }

    /// <summary>How many checks ran.</summary>
    public int Checks { get; private set; }

    /// <summary>
    /// The rule: busy at some check since the last trim (a busy spell happened: a steady trickle of work never
    /// counts, so it does not trim again and again), idle now (little allocated since the last check), and grown
    /// (committed well above what it was after the last trim).
    /// </summary>
    public static bool ShouldTrim(bool busySinceLastTrim, long allocatedSinceLastCheck, long committedNow, long committedAfterLastTrim,
        MemoryOptions options) =>
        busySinceLastTrim && allocatedSinceLastCheck <= options.IdleAllocationBytes
        && committedNow - committedAfterLastTrim >= options.TrimThresholdBytes;

    /// <summary>The heap's committed memory right after the last trim (0 before the first).</summary>
    public long CommittedAfterLastTrim { get; private set; }

    protected override Task<PollOutcome> RunPassAsync(CancellationToken ct)
    {
        Check(GC.GetTotalAllocatedBytes(), GC.GetGCMemoryInfo().TotalCommittedBytes);
        return Task.FromResult(PollOutcome.Idle);
    }

    /// <summary>
    /// One check, given the bytes allocated since the process began and the heap's committed bytes: trims when the
    /// rule says so (<see cref="ShouldTrim"/>); returns whether it did.
    /// </summary>
    public bool Check(long allocatedTotal, long committed)
    {
        var since = allocatedTotal - _allocatedAtLastCheck;
        _allocatedAtLastCheck = allocatedTotal;
        Checks++;
        if (since > options.Value.IdleAllocationBytes) _busySinceTrim = true;
        if (!ShouldTrim(_busySinceTrim, since, committed, CommittedAfterLastTrim, options.Value)) return false;
        Trim(committed);
        return true;
    }

    /// <summary>
    /// One full, blocking, compacting collection that decommits all it can, then (on glibc) the C heap's free pages
    /// handed back too.
    /// </summary>
    private void Trim(long committedBefore)
    {
        var rssBefore = Environment.WorkingSet;
        var watch = Stopwatch.StartNew();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (options.Value.NativeTrim) NativeHeap.Trim();
        CommittedAfterLastTrim = GC.GetGCMemoryInfo().TotalCommittedBytes;
        _busySinceTrim = false;
        Trims++;
        LogTrimmed(committedBefore >> 20, CommittedAfterLastTrim >> 20, rssBefore >> 20, Environment.WorkingSet >> 20, watch.ElapsedMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Idle after a busy spell: the heap's committed memory went from {BeforeMb} MB to {AfterMb} MB, the process's resident memory from {RssBeforeMb} MB to {RssAfterMb} MB ({Ms} ms)")]
    private partial void LogTrimmed(long beforeMb, long afterMb, long rssBeforeMb, long rssAfterMb, long ms);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking whether to trim memory failed; trying again at the next interval")]
    protected override partial void LogFailed(Exception exception);
}

/// <summary>The C library's heap: glibc keeps freed blocks for reuse; malloc_trim gives whole free pages back.</summary>
public static class NativeHeap
{
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    /// <summary>True when memory was given back.</summary>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return MallocTrim(0) != 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false; // not glibc (musl, say): nothing to do
        }
    }
}
