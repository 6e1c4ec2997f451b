namespace Platform.Data;

/// <summary>
/// Keeps an entity out of the audit trail: machine bookkeeping that is its own record (an event log, delivery rows
/// and their attempts, caches of other services' data), where an audit entry per row would only double the writes.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NotAuditedAttribute : Attribute;
