namespace Platform.ServiceDefaults;

/// <summary>How handlers read optional text from a request.</summary>
public static class RequestText
{
    /// <summary>Trimmed text, or null for absent or blank text.</summary>
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
