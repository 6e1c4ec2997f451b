using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults;

namespace Platform.Messaging.Tests;

/// <summary>Every service's job that gives memory back once a busy spell is over (shared/Platform.ServiceDefaults).</summary>
public class IdleMemoryTrimmerTests
{
    private const long Mb = 1L << 20;

    [Fact]
    public void Every_service_runs_it_from_the_service_defaults()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddServiceDefaults("test");
        using var app = builder.Build();
        app.Services.GetServices<IHostedService>().OfType<IdleMemoryTrimmer>().ShouldHaveSingleItem();
        app.Services.GetRequiredService<IOptions<MemoryOptions>>().Value.IdleTrim.ShouldBeTrue("on unless turned off");
    }

    [Theory]
    [InlineData(true, 1, 300, 100, true)]    // a busy spell, now idle, grown by 200 MB: trim
    [InlineData(true, 1, 120, 100, false)]   // idle, grown by 20 MB only
    [InlineData(true, 500, 300, 100, false)] // grown but busy: the memory would be taken again at once
    [InlineData(true, 16, 132, 100, true)]   // both at their limits
    [InlineData(false, 1, 300, 100, false)]  // grown under a trickle, no busy spell since the last trim: not again
    public void Trims_only_an_idle_process_whose_heap_grew_in_a_busy_spell(bool busy, long allocatedMb, long committedMb, long afterLastTrimMb, bool trim) =>
        IdleMemoryTrimmer.ShouldTrim(busy, allocatedMb * Mb, committedMb * Mb, afterLastTrimMb * Mb, new MemoryOptions()).ShouldBe(trim);

    [Fact]
    public async Task A_process_gone_idle_after_a_burst_gives_the_memory_back()
    {
        var trimmer = new IdleMemoryTrimmer(Options.Create(new MemoryOptions
        {
            IdleCheckInterval = TimeSpan.FromMilliseconds(100), IdleAllocationBytes = 64 * Mb, TrimThresholdBytes = 32 * Mb,
        }), NullLogger<IdleMemoryTrimmer>.Instance);
        var grown = Burst(256);
        grown.ShouldBeGreaterThanOrEqualTo(256 * Mb, "the burst made the heap grow");

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
    public void A_busy_process_is_not_trimmed_and_an_idle_one_once_per_busy_spell_not_under_a_trickle()
    {
        var trimmer = new IdleMemoryTrimmer(Options.Create(new MemoryOptions()), NullLogger<IdleMemoryTrimmer>.Instance);
        var allocated = GC.GetTotalAllocatedBytes();
        for (var i = 0; i < 5; i++) // 100 MB allocated between two checks, the heap far above any trim
            trimmer.Check(allocated += 100 * Mb, 2048 * Mb).ShouldBeFalse("busy");
        trimmer.Check(allocated += 1 * Mb, 2048 * Mb).ShouldBeTrue("idle after growing");
        trimmer.Trims.ShouldBe(1);
        trimmer.CommittedAfterLastTrim.ShouldBeLessThan(2048 * Mb);
        for (var i = 0; i < 5; i++) // idle and no new growth: nothing more to give back
            trimmer.Check(allocated += 1 * Mb, trimmer.CommittedAfterLastTrim + 16 * Mb).ShouldBeFalse("not grown again");
        for (var i = 0; i < 5; i++) // a trickle of work (never over 16 MB a check) that the heap grows by: no busy spell
            trimmer.Check(allocated += 15 * Mb, trimmer.CommittedAfterLastTrim + 512 * Mb).ShouldBeFalse("no busy spell since");
        trimmer.Check(allocated += 400 * Mb, trimmer.CommittedAfterLastTrim + 512 * Mb).ShouldBeFalse("the next busy spell");
        trimmer.Check(allocated += 1 * Mb, trimmer.CommittedAfterLastTrim + 512 * Mb).ShouldBeTrue("idle again after growing");
        trimmer.Trims.ShouldBe(2);
        trimmer.Checks.ShouldBe(18);
    }

    [Fact]
    public void The_C_heaps_free_pages_are_handed_back()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "malloc_trim is glibc's");
        var blocks = new nint[10_000];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = System.Runtime.InteropServices.Marshal.AllocHGlobal(4096); // malloc: below the mmap threshold, in the heap
            System.Runtime.InteropServices.Marshal.WriteByte(blocks[i], 1);
        }
        foreach (var block in blocks) System.Runtime.InteropServices.Marshal.FreeHGlobal(block);
        NativeHeap.Trim().ShouldBeTrue("40 MB freed in the C heap were given back");
    }

    /// <summary>
    /// Takes <paramref name="mb"/> MB in 4 MB arrays and lets them go (not inlined: nothing keeps them); returns the
    /// GC's committed bytes while they were held, as of a collection forced while they were.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Burst(int mb)
    {
        var held = new List<byte[]>();
        for (var i = 0; i < mb / 4; i++)
        {
            var block = new byte[4 * Mb];
            for (var j = 0; j < block.Length; j += 4096) block[j] = 1; // touched: resident
            held.Add(block);
        }
        // The GC's committed figure is as of a collection: this one's, not the last of any kind (a background
        // collection started before the burst and ending after this one reported 72 MB, twice in full test runs).
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        var committed = GC.GetGCMemoryInfo(GCKind.Ephemeral).TotalCommittedBytes;
        GC.KeepAlive(held);
        return committed;
    }
}
