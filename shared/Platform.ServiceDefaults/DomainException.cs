namespace Platform.ServiceDefaults;

/// <summary>
/// A business rule refused an operation (an invalid workflow transition, a duplicate promotion…).
/// Answered as 409 Conflict ProblemDetails with <see cref="Code"/> in the "code" extension.
/// </summary>
public class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
