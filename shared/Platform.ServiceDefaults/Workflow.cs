using System.Collections.Frozen;

namespace Platform.ServiceDefaults;

/// <summary>A state machine: which action moves which state where. Refusals are DomainExceptions (409).</summary>
public sealed class Workflow<TState, TAction>(string noun, IDictionary<(TState From, TAction Action), TState> transitions)
    where TState : struct, Enum
    where TAction : struct, Enum
{
    private readonly FrozenDictionary<(TState, TAction), TState> _transitions = transitions.ToFrozenDictionary();

    public bool TryNext(TState from, TAction action, out TState to) => _transitions.TryGetValue((from, action), out to);

    public IReadOnlyList<TAction> AllowedActions(TState from) =>
        _transitions.Keys.Where(k => EqualityComparer<TState>.Default.Equals(k.Item1, from)).Select(k => k.Item2).ToArray();

    /// <summary>The state <paramref name="action"/> leads to, or a 409 "invalid-transition" naming what is allowed.</summary>
    public TState Next(TState from, TAction action)
    {
        if (TryNext(from, action, out var to)) return to;
        var allowed = AllowedActions(from);
        throw new DomainException("invalid-transition",
            $"Cannot {action.ToString().ToLowerInvariant()} {noun} that is {from}. Allowed: {(allowed.Count == 0 ? "none" : string.Join(", ", allowed))}.");
    }
}
