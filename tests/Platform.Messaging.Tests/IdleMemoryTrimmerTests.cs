using System.Runtime.CompilerServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults;

namespace Platform.Messaging.Tests;

/// <summary>Every service's job that gives memory back once a busy spell is over (shared/Platform.ServiceDefaults).</summary>
public class IdleMemoryTrimmerTests
{
    private const long Mb = 1L << 20;

    [Theory]
    [InlineData(1, 300, 100, true)]    // idle, grown by 200 MB: trim
    [InlineData(1, 120, 100, false)]   // idle, grown by 20 MB only
    [InlineData(500, 300, 100, false)] // grown but busy: the memory would be taken again at once
    [InlineData(16, 132, 100, true)]   // both at their limits
    public void Trims_only_an_idle_process_whose_heap_grew(long allocatedMb, long committedMb, long afterLastTrimMb, bool trim) =>
        IdleMemoryTrimmer.ShouldTrim(allocatedMb * Mb, committedMb * Mb, afterLastTrimMb * Mb, new MemoryOptions()).ShouldBe(trim);

    [Fact]
    public async Task A_process_gone_idle_after_a_burst_gives_the_memory_back()
    {
        var trimmer = new IdleMemoryTrimmer(Options.Create(new MemoryOptions
        {
            IdleCheckInterval = TimeSpan.FromMilliseconds(100), IdleAllocationBytes = 64 * Mb, TrimThresholdBytes = 32 * Mb,
        }), NullLogger<IdleMemoryTrimmer>.Instance);
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        Burst(256);
        var grown = GC.GetGCMemoryInfo().TotalCommittedBytes;
        grown.ShouldBeGreaterThan(before + 128 * Mb, "the burst made the heap grow");

        await ((IHostedLifecycleService)trimmer).StartedAsync(TestContext.Current.CancellationToken);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!(trimmer.Trims > 0 && GC.GetGCMemoryInfo().TotalCommittedBytes < grown - 128 * Mb) && DateTime.UtcNow < deadline)
                await Task.Delay(50, TestContext.Current.CancellationToken);
            trimmer.Trims.ShouldBeGreaterThan(0, "the idle process was trimmed");
            GC.GetGCMemoryInfo().TotalCommittedBytes.ShouldBeLessThan(grown - 128 * Mb, "the burst's memory was given back");
        }
        finally
        {
            await trimmer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_busy_process_is_not_trimmed()
    {
        var trimmer = new IdleMemoryTrimmer(Options.Create(new MemoryOptions
        {
            IdleCheckInterval = TimeSpan.FromMilliseconds(50), IdleAllocationBytes = 1 * Mb, TrimThresholdBytes = 0,
        }), NullLogger<IdleMemoryTrimmer>.Instance);
        await ((IHostedLifecycleService)trimmer).StartedAsync(TestContext.Current.CancellationToken);
        try
        {
            // Allocating all along (well over 1 MB between two checks) until five checks ran: none trims, though any
            // growth at all would be enough (threshold 0).
            var deadline = DateTime.UtcNow.AddSeconds(30);
            var sink = 0L;
            while (trimmer.Checks < 5 && DateTime.UtcNow < deadline)
            {
                for (var i = 0; i < 1000; i++) sink += new byte[64 * 1024].Length;
                await Task.Yield();
            }
            sink.ShouldBeGreaterThan(0);
            trimmer.Checks.ShouldBeGreaterThanOrEqualTo(5);
            trimmer.Trims.ShouldBe(0);
        }
        finally
        {
            await trimmer.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Takes <paramref name="mb"/> MB in 4 MB arrays and lets them go (not inlined: nothing keeps them).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Burst(int mb)
    {
        var held = new List<byte[]>();
        for (var i = 0; i < mb / 4; i++)
        {
            var block = new byte[4 * Mb];
            for (var j = 0; j < block.Length; j += 4096) block[j] = 1; // touched: resident
            held.Add(block);
        }
        GC.Collect(0); // the GC's committed figure is as of its last collection
        GC.KeepAlive(held);
    }
}
