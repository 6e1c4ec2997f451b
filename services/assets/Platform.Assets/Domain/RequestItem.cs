namespace Platform.Assets.Domain;

/// <summary>
/// A line of a request's list (a kitting checklist item, a procurement item): its id, its request, and its place in
/// the list (1, 2, …); the API names it by either.
/// </summary>
public abstract class RequestItem
{
    public Guid Id { get; init; }
    public Guid RequestId { get; init; }
    public int Position { get; init; }

    /// <summary>The item of <paramref name="items"/> a reference names: its id (a GUID) or its position; null when none.</summary>
    public static T? Find<T>(IEnumerable<T> items, string? reference) where T : RequestItem =>
        reference is null ? null
        : Guid.TryParse(reference, out var id) ? items.FirstOrDefault(i => i.Id == id)
        : int.TryParse(reference, out var position) ? items.FirstOrDefault(i => i.Position == position) : null;
}
