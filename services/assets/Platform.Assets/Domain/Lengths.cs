namespace Platform.Assets.Domain;

/// <summary>
/// The longest text each kind of field holds: the column sizes of the mapping (Data/Configurations/) and
/// the limits the API and the CSV import check, so that the two cannot drift apart.
/// </summary>
public static class Lengths
{
    /// <summary>A user id, and who did something (assignedTo, by, approvedBy…).</summary>
    public const int Person = 200;

    /// <summary>A model, product, vendor, location, title or kit profile name.</summary>
    public const int Name = 200;

    /// <summary>A key: project key, asset tag, licence key, ticket key; also a project role.</summary>
    public const int Key = 50;

    /// <summary>A serial number or an order reference.</summary>
    public const int Serial = 100;

    /// <summary>A checklist item's description.</summary>
    public const int Description = 500;

    /// <summary>A note on an action.</summary>
    public const int Note = 2_000;
}
