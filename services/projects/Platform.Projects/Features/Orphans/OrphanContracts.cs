namespace Platform.Projects.Features;

/// <summary>What an orphan is: the project itself (its manager or sponsor left), or one of its open entries.</summary>
public enum OrphanKind { Project, Issue, Risk, Task, ActionItem, Deliverable }

/// <summary>
/// One open thing of a project held by someone who left: <see cref="Field"/> names who it needs anew (owner, manager,
/// sponsor); <see cref="UserId"/>, <see cref="DisplayName"/> and <see cref="LeftOn"/> say who left and when.
/// </summary>
public sealed record OrphanResponse(
    OrphanKind Kind, Guid Id, string Key, string Title, string Field, string UserId, string DisplayName, DateOnly? LeftOn);
