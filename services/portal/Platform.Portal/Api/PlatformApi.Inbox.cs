using Platform.Portal.Api.Inbox;

namespace Platform.Portal.Api;

/// <summary>The person's own inbox and notification preferences (notifications service).</summary>
public sealed partial class PlatformApi
{
    public Task<ApiResult<InboxPage>> InboxAsync(bool unreadOnly, string? cursor, CancellationToken ct = default) =>
        GetAsync<InboxPage>("api/inbox?limit=50" + (unreadOnly ? "&unread=true" : "") + Cursor(cursor), ct);

    public Task<ApiResult<InboxItem>> MarkReadAsync(long id, CancellationToken ct = default) =>
        PostAsync<InboxItem>($"api/inbox/{id}/read", new { }, ct);

    public Task<ApiResult<MarkedRead>> MarkAllReadAsync(CancellationToken ct = default) =>
        PostAsync<MarkedRead>("api/inbox/read-all", new { }, ct);

    public Task<ApiResult<Preferences>> PreferencesAsync(CancellationToken ct = default) =>
        GetAsync<Preferences>("api/notification-preferences", ct);

    public Task<ApiResult<Preferences>> SavePreferencesAsync(bool inbox, bool email, bool digest, string? quietFrom, string? quietTo,
        string? timeZone, string? emailAddress, CancellationToken ct = default) =>
        PmoSendAsync<Preferences>(HttpMethod.Put, "api/notification-preferences", new
        {
            inbox, email, digest, quietFrom = quietFrom ?? "", quietTo = quietTo ?? "", timeZone, emailAddress = emailAddress?.Trim() ?? "",
        }, ct);
}
