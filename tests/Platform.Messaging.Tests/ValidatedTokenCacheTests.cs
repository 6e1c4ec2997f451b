using System.Security.Claims;

namespace Platform.Messaging.Tests;

/// <summary>The shared library's token cache when it is full (its other rules are tested with ticketing).</summary>
public class ValidatedTokenCacheEvictionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private static ClaimsPrincipal Principal(string sub) => new(new ClaimsIdentity([new Claim("sub", sub)], "Bearer"));

    [Fact]
    public void A_full_cache_evicts_only_some_entries_and_keeps_the_new_one()
    {
        var clock = new SettableClock(Start);
        using var cache = new ValidatedTokenCache(clock, 20, TimeSpan.FromMinutes(5));
        for (var i = 0; i < 20; i++)
        {
            cache.Add($"t{i}", Principal($"u{i}"), Start.AddMinutes(10).UtcDateTime);
            clock.Now = clock.Now.AddMilliseconds(10);
        }
        cache.Count.ShouldBe(20);
        for (var i = 10; i < 20; i++) cache.TryGet($"t{i}", out _).ShouldBeTrue(); // the newer half is in use

        cache.Add("new", Principal("new"), Start.AddMinutes(10).UtcDateTime);

        cache.TryGet("new", out _).ShouldBeTrue();
        cache.Count.ShouldBeLessThanOrEqualTo(20);
        var kept = Enumerable.Range(0, 20).Count(i => cache.TryGet($"t{i}", out _));
        kept.ShouldBeGreaterThanOrEqualTo(17, "a full cache drops a few entries, not all of them");
        kept.ShouldBeLessThan(20);
        for (var i = 10; i < 20; i++) cache.TryGet($"t{i}", out _).ShouldBeTrue("the least recently used go first");
    }
}
