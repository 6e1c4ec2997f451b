namespace Platform.Assets.Features;

/// <summary>The "Assets" configuration section.</summary>
public sealed class AssetsOptions
{
    /// <summary>A licence expiring within this many days is announced (LicenceExpiring), once per expiry date.</summary>
    public int LicenceExpiryWarningDays { get; set; } = 30;

    /// <summary>A warranty ending within this many days is announced (WarrantyExpiring), once per end date.</summary>
    public int WarrantyExpiryWarningDays { get; set; } = 30;

    /// <summary>How often the expiry checker looks.</summary>
    public TimeSpan ExpiryCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Turn the background checker off (tests drive it by hand).</summary>
    public bool ExpiryCheckerEnabled { get; set; } = true;

    /// <summary>Largest CSV import accepted, in data rows.</summary>
    public int MaxImportRows { get; set; } = 5_000;
}
