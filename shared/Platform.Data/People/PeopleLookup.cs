using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Platform.Data.People;

/// <summary>
/// People:DirectoryApi — the address of the directory (identity's <c>GET /api/people/{id}</c>) a service asks, with
/// the caller's own token, about a person its copy does not know yet: someone created a moment ago whose PersonJoined
/// is still on its way, or everyone on a service's first start before identity has answered its sync request. What
/// it learns is written to the copy at version 0, so identity's events still win.
/// </summary>
public sealed class PeopleLookup(HttpClient http, IHttpContextAccessor accessor)
{
    private sealed record Person(string Id, string UserName, string DisplayName, IReadOnlyList<string>? Roles, string? Department,
        string? ManagerId, bool Active, string? Email);

    /// <summary>Adds to the copy whoever of <paramref name="userIds"/> the directory knows as active; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> LearnAsync(DbContext db, IEnumerable<string> userIds, CancellationToken ct)
    {
        var authorization = accessor.HttpContext?.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization)) return [];
        var learnt = new List<string>();
        foreach (var id in userIds)
        {
            if (await FindAsync(id, authorization, ct) is not { Active: true } p || p.Id != id) continue;
            await db.LearnPersonAsync(new LearntPerson(p.Id, p.DisplayName, p.Email, p.Roles ?? [], new LearntProfile(p.UserName, p.Department, p.ManagerId)), ct);
            learnt.Add(id);
        }
        return learnt;
    }

    private async Task<Person?> FindAsync(string id, string authorization, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/people/{Uri.EscapeDataString(id)}");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        try
        {
            using var response = await http.SendAsync(request, ct);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<Person>(ct) : null;
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException
                                      || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            // The directory is unreachable: the copy's answer stands (unknown).
            return null;
        }
    }
}
