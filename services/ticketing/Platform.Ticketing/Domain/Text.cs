using System.Diagnostics.CodeAnalysis;

namespace Platform.Ticketing.Domain;

public static class Text
{
    /// <summary>Cuts a value from outside (an event, a mail) to the length its column allows.</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static string? Clip(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
