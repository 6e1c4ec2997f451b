using System.Collections.Concurrent;

namespace Platform.Portal.Api;

/// <summary>
/// People by name, not by id: the services answer user ids (a project's manager, a member, who acknowledged an
/// escalation); the screens show the directory's display name (GET /api/people/{id} through the gateway, with the
/// person's own token). One per circuit: each id is asked once, several at a time; an id the directory does not
/// answer (left, or not visible to the reader) shows as the id itself.
/// </summary>
public sealed class PeopleNames(PlatformApi api)
{
    private readonly ConcurrentDictionary<string, Task<string?>> _names = new(StringComparer.Ordinal);

    /// <summary>Looks up every id not yet known (at most 8 at a time); <see cref="Of"/> then answers at once.</summary>
    public async Task LoadAsync(IEnumerable<string?> ids, CancellationToken ct = default)
    {
        using var gate = new SemaphoreSlim(8);
        var lookups = ids.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id!).Distinct(StringComparer.Ordinal)
            .Select(id => _names.GetOrAdd(id, key => LookUpAsync(key, gate, ct))).ToList();
        await Task.WhenAll(lookups);
    }

    /// <summary>The display name of a person already looked up; otherwise the id (null stays null).</summary>
    public string? Of(string? id) =>
        id is null ? null : _names.TryGetValue(id, out var name) && name.IsCompletedSuccessfully && name.Result is { } known ? known : id;

    private async Task<string?> LookUpAsync(string id, SemaphoreSlim gate, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            var person = await api.PersonAsync(id, ct);
            if (person.Ok) return string.IsNullOrWhiteSpace(person.Value!.DisplayName) ? person.Value.UserName : person.Value.DisplayName;
            if (!person.NotFound) _names.TryRemove(id, out _); // a passing failure: ask again next time
            return null;
        }
        finally
        {
            gate.Release();
        }
    }
}
