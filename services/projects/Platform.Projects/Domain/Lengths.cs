namespace Platform.Projects.Domain;

/// <summary>
/// How long each kind of text may be: the columns' lengths (Data/Configurations) and the requests' validation
/// (Features) both read them, so a limit is changed in one place. Changing one changes the schema: add a migration.
/// </summary>
public static class Lengths
{
    /// <summary>Names and titles: one line.</summary>
    public const int Title = Validator.SingleLineMax;

    /// <summary>A user id (manager, owner, who did what).</summary>
    public const int Person = PersonIds.MaxLength;

    /// <summary>Descriptions, resolutions, mitigations, notes, reasons, decisions.</summary>
    public const int Text = 10_000;

    /// <summary>Shorter free text: a health override's comment, a risk's trigger, an escalation's reason.</summary>
    public const int Comment = 2_000;

    /// <summary>A key of this or another service (PRJ-3, TCK-12), a project's code, a member's role.</summary>
    public const int Key = 50;

    /// <summary>An entry of a list (a deliverable's acceptance criterion, a meeting's agenda item).</summary>
    public const int ListEntry = 1_000;

    /// <summary>A meeting's minutes.</summary>
    public const int Minutes = 100_000;

    /// <summary>An escalation's condition ("RiskScore:Risk:{id}").</summary>
    public const int Condition = 300;

    /// <summary>An enum stored by name (statuses, severities, phases, review actions).</summary>
    public const int EnumName = 20;

    /// <summary>An enum with longer names (escalation rules, escalation history actions).</summary>
    public const int LongEnumName = 30;

    /// <summary>A health verdict (Green, Amber, Red).</summary>
    public const int Health = 10;
}
