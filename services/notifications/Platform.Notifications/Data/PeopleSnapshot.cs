using Platform.Data.Reference;

namespace Platform.Notifications.Data;

/// <summary>
/// The people directory copy (roles, e-mail addresses, who left) and everyone's notification preferences, which every
/// fan-out and every e-mail batch reads and almost nothing writes: held per process (<see cref="ReferenceCache{TSnapshot}"/>),
/// so naming a person costs no query. Every change, whatever writes it (identity's events, a person learnt from a token,
/// a preference saved, another replica, a statement by hand), is heard: a trigger on both tables sends the notice when
/// its transaction commits (migration <c>PeopleChangeNotice</c>), and a save in this process forgets the snapshot at
/// once and again at its commit (<see cref="ReferenceChangeInterceptor{TSnapshot}"/>). A person the snapshot does not
/// know is still looked up in the database (a joiner whose notice is on its way). While the listener is not connected,
/// or with <c>Notifications:CachePeople=false</c>, every use queries only the people it names, as before the cache.
/// </summary>
public sealed class PeopleSnapshot
{
    /// <summary>The notification channel of changes to these tables (the trigger's too).</summary>
    public const string Channel = "notifications_people";

    private readonly Dictionary<string, DirectoryPerson> _people;
    private readonly Dictionary<string, Preference> _preferences;

    private PeopleSnapshot(List<DirectoryPerson> people, List<Preference> preferences)
    {
        _people = people.ToDictionary(p => p.UserId, StringComparer.Ordinal);
        _preferences = preferences.ToDictionary(p => p.UserId, StringComparer.Ordinal);
    }

    /// <summary>Whether a saved entity is part of this data.</summary>
    public static bool Holds(object entity) => entity is DirectoryPerson or Preference;

    public static async Task<PeopleSnapshot> ReadAsync(DbContext context, CancellationToken ct)
    {
        var db = (NotificationsDbContext)context;
        var people = await db.People.AsNoTracking().ToListAsync(ct);
        var preferences = await db.Preferences.AsNoTracking().ToListAsync(ct);
        return new(people, preferences);
    }

    public DirectoryPerson? Person(string userId) => _people.GetValueOrDefault(userId);

    public Preference? PreferenceOf(string userId) => _preferences.GetValueOrDefault(userId);

    /// <summary>The active people holding any of <paramref name="roles"/>.</summary>
    public IEnumerable<string> ActiveWithAnyRole(IReadOnlyCollection<string> roles) =>
        _people.Values.Where(p => p.Active && p.Roles.Any(roles.Contains)).Select(p => p.UserId);
}
