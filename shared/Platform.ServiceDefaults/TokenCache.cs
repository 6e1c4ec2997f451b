using System.Collections.Concurrent;
using System.Security.Claims;

namespace Platform.ServiceDefaults;

/// <summary>
/// Remembers bearer tokens that passed full validation (signature, issuer, audience, lifetime), until they expire
/// and at most <c>Auth:TokenCacheMaxAge</c>, so that a client's next requests with the same token skip the
/// signature check and the parsing: measured, the RSA verification alone was a sixth of the gateway's CPU on a cheap
/// GET. Each hit hands out a copy of the principal (claims transformations add to it per request). A signing key
/// withdrawn by the provider stops a cached token at the latest after the maximum age. Size-bounded: when full,
/// expired entries go, and if that is not enough, all of them.
/// </summary>
public sealed class ValidatedTokenCache(TimeProvider clock, int capacity, TimeSpan maxAge)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _hits;

    private sealed record Entry(ClaimsPrincipal Principal, DateTimeOffset Until);

    public bool Enabled => capacity > 0 && maxAge > TimeSpan.Zero;

    /// <summary>Requests authenticated from the cache since start.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    public int Count => _entries.Count;

    public bool TryGet(string token, out ClaimsPrincipal principal)
    {
        principal = null!;
        if (!_entries.TryGetValue(token, out var entry)) return false;
        if (entry.Until <= clock.GetUtcNow())
        {
            _entries.TryRemove(token, out _);
            return false;
        }
        principal = entry.Principal.Clone();
        Interlocked.Increment(ref _hits);
        return true;
    }

    /// <summary>Keeps a token that has just been validated; <paramref name="validTo"/> is its expiry (UTC).</summary>
    public void Add(string token, ClaimsPrincipal principal, DateTime validTo)
    {
        if (!Enabled) return;
        var now = clock.GetUtcNow();
        var until = new DateTimeOffset(DateTime.SpecifyKind(validTo, DateTimeKind.Utc));
        if (until > now + maxAge) until = now + maxAge;
        if (until <= now) return;
        if (_entries.Count >= capacity)
        {
            foreach (var (key, value) in _entries)
                if (value.Until <= now) _entries.TryRemove(key, out _);
            if (_entries.Count >= capacity) _entries.Clear();
        }
        _entries[token] = new Entry(principal.Clone(), until);
    }
}
