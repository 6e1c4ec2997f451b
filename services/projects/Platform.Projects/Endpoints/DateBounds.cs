using Platform.ServiceDefaults;

namespace Platform.Projects.Endpoints;

/// <summary>
/// The dates a client may send: 1900-01-01 to 2999-12-31, the platform's rule for JSON bodies, checked here too so an
/// endpoint whose arithmetic needs it does not depend on that rule (and for the query string, which it does not see).
/// </summary>
internal static class DateBounds
{
    public static readonly DateOnly Min = new(1900, 1, 1);
    public static readonly DateOnly Max = new(2999, 12, 31);

    public static Validator InDateRange(this Validator v, string field, DateOnly? value) =>
        v.Check(value is null || (value >= Min && value <= Max), field, $"'{field}' must be between 1900-01-01 and 2999-12-31.");
}
