using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Platform.Portal.Auth;

/// <summary>What the portal holds for one signed-in person: their tokens, never sent to the browser.</summary>
public sealed record TokenSet(string AccessToken, string? RefreshToken, string? IdToken, DateTimeOffset ExpiresAt);

/// <summary>
/// The backend-for-frontend's token store. The browser's cookie carries only the person's name, roles and a random
/// session id; the tokens live here, one file per session under Portal:DataDirectory/sessions, encrypted with the
/// shared data-protection key ring, so another replica or a restarted portal reads them too. An access token close
/// to its expiry is refreshed (refresh token grant at identity's token endpoint) before it is handed out; a session
/// whose refresh fails is ended, and the person signs in again. Signing out ends every session of the person
/// (people/ lists each person's sessions).
/// </summary>
public sealed partial class PortalSessions(
    PortalSettings settings, IDataProtectionProvider protection, IHttpClientFactory http,
    IOptionsMonitor<OpenIdConnectOptions> oidc, TimeProvider clock, ILogger<PortalSessions> logger)
{
    /// <summary>The claim of the cookie principal that names its session here.</summary>
    public const string SessionClaim = "portal_session";

    public const string RefreshClient = "portal-token-refresh";

    private readonly IDataProtector _protector = protection.CreateProtector("Platform.Portal.Sessions.v1");
    private readonly string _directory = Directory.CreateDirectory(Path.Combine(settings.DataDirectory!, "sessions")).FullName;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _refreshing = new();

    public static string? SessionOf(ClaimsPrincipal? user) => user?.FindFirst(SessionClaim)?.Value;

    /// <summary>A new session for the person <paramref name="subject"/> (listed under people/ to end all of theirs at once).</summary>
    public async Task<string> CreateAsync(TokenSet tokens, string? subject, CancellationToken ct)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        await WriteAsync(id, tokens, ct);
        if (subject is not null)
            await File.WriteAllBytesAsync(Path.Combine(Directory.CreateDirectory(PersonDirectory(subject)).FullName, id), [], ct);
        return id;
    }

    /// <summary>Ends every session of the person, in every browser and through every replica (signing out).</summary>
    public void RemoveAllOf(string? subject)
    {
        if (subject is null || new DirectoryInfo(PersonDirectory(subject)) is not { Exists: true } sessions) return;
        foreach (var entry in sessions.EnumerateFiles())
        {
            Remove(entry.Name);
            try { entry.Delete(); } catch (IOException) { /* another replica removed it */ }
        }
    }

    /// <summary>people/&lt;SHA-256 of the person's id&gt;: one empty file per session of theirs, named by its id.</summary>
    private string PersonDirectory(string subject) =>
        Path.Combine(_directory, "people", Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(subject))));

    public async Task<TokenSet?> GetAsync(string? id, CancellationToken ct)
    {
        if (PathOf(id) is not { } path || !File.Exists(path)) return null;
        try
        {
            var bytes = _protector.Unprotect(await File.ReadAllBytesAsync(path, ct));
            return JsonSerializer.Deserialize<TokenSet>(bytes);
        }
        catch (Exception e) when (e is CryptographicException or JsonException or IOException)
        {
            LogUnreadable(logger, e);
            return null;
        }
    }

    public Task<bool> ExistsAsync(string? id) => Task.FromResult(PathOf(id) is { } path && File.Exists(path));

    public void Remove(string? id)
    {
        if (PathOf(id) is { } path) File.Delete(path);
    }

    /// <summary>
    /// The session's access token, refreshed first when it expires within Portal:RefreshBefore; null when the session
    /// is gone or can no longer be refreshed (then the person must sign in again).
    /// </summary>
    public async Task<string?> AccessTokenAsync(string? id, CancellationToken ct)
    {
        var tokens = await GetAsync(id, ct);
        if (tokens is null) return null;
        if (tokens.ExpiresAt - clock.GetUtcNow() > settings.RefreshBefore) return tokens.AccessToken;

        var gate = _refreshing.GetOrAdd(id!, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            tokens = await GetAsync(id, ct); // another request may have refreshed it meanwhile
            if (tokens is null) return null;
            if (tokens.ExpiresAt - clock.GetUtcNow() > settings.RefreshBefore) return tokens.AccessToken;
            TokenSet? refreshed;
            try
            {
                refreshed = await RefreshAsync(tokens, ct);
            }
            catch (HttpRequestException e) when (tokens.ExpiresAt > clock.GetUtcNow())
            {
                // Identity unreachable for a moment: the token still works, the next call tries again.
                LogRefreshPostponed(logger, e.Message);
                return tokens.AccessToken;
            }

            if (refreshed is null)
            {
                Remove(id);
                return null;
            }

            await WriteAsync(id!, refreshed, ct);
            LogRefreshed(logger, refreshed.ExpiresAt);
            return refreshed.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<TokenSet?> RefreshAsync(TokenSet tokens, CancellationToken ct)
    {
        if (tokens.RefreshToken is null) return null;
        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(ct);
        using var response = await http.CreateClient(RefreshClient).PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["client_id"] = options.ClientId!,
                ["refresh_token"] = tokens.RefreshToken,
            }), ct);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
        {
            // invalid_grant: the refresh token was revoked (signed out, a leaver) or has expired. The session ends.
            LogRefreshFailed(logger, (int)response.StatusCode);
            return null;
        }

        response.EnsureSuccessStatusCode(); // anything else is identity's trouble, not the session's

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var root = body.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var expiresIn = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 300;
        return new TokenSet(Text("access_token")!, Text("refresh_token") ?? tokens.RefreshToken, Text("id_token") ?? tokens.IdToken,
            clock.GetUtcNow().AddSeconds(expiresIn));
    }

    private async Task WriteAsync(string id, TokenSet tokens, CancellationToken ct)
    {
        var path = PathOf(id) ?? throw new ArgumentException("Not a session id.", nameof(id));
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(tokens)), ct);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Session ids are 43 base64url characters (the cookie's, encrypted): anything else names no file.</summary>
    private string? PathOf(string? id) =>
        id is { Length: 43 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? Path.Combine(_directory, id + ".session") : null;

    /// <summary>Removes sessions untouched for longer than a session may last (run now and then).</summary>
    public void Sweep()
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - settings.SessionLifetime - TimeSpan.FromHours(1);
        foreach (var file in new DirectoryInfo(_directory).EnumerateFiles("*.session"))
            if (file.LastWriteTimeUtc < cutoff)
                try { file.Delete(); } catch (IOException) { /* another replica swept it */ }
        // A person's list keeps only sessions that are still there.
        var people = new DirectoryInfo(Path.Combine(_directory, "people"));
        if (!people.Exists) return;
        foreach (var entry in people.EnumerateFiles("*", SearchOption.AllDirectories))
            if (PathOf(entry.Name) is not { } session || !File.Exists(session))
                try { entry.Delete(); } catch (IOException) { /* another replica swept it */ }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A portal session could not be read (key ring changed?); the person signs in again")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed the access token of a session; the new one expires at {ExpiresAt:o}")]
    private static partial void LogRefreshed(ILogger logger, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing an access token failed for now ({Reason}); the current one is used until it expires")]
    private static partial void LogRefreshPostponed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshing an access token failed ({Status}); the session ends")]
    private static partial void LogRefreshFailed(ILogger logger, int status);
}
