using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Npgsql;
using Platform.Identity.Data;

namespace Platform.Identity.Tests;

/// <summary>Restarts and replicas: every test here has a database of its own and starts the service more than once.</summary>
public class RestartTests
{
    private static async Task<(int Alices, int Users, string[] Clients, string[] Scopes, string[] Keys)> SnapshotAsync(IdentityInstance service) =>
        await service.WithDbAsync(async db => (
            await db.Users.CountAsync(u => u.UserName == "alice"),
            await db.Users.CountAsync(),
            (await db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>()
                .OrderBy(a => a.ClientId).Select(a => a.Id + ":" + a.ClientId + ":" + a.ClientSecret).ToListAsync()).ToArray(),
            (await db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreScope>()
                .OrderBy(s => s.Name).Select(s => s.Id + ":" + s.Name).ToListAsync()).ToArray(),
            (await db.ServerKeys.OrderBy(k => k.Purpose).Select(k => k.Purpose + ":" + k.KeyId).ToListAsync()).ToArray()));

    [Fact]
    public async Task Keys_survive_a_restart_so_earlier_tokens_stay_valid()
    {
        await using var database = await IdentityDatabase.CreateAsync();

        string accessToken, refreshToken, kid;
        await using (var first = await database.StartAsync())
        {
            var response = await first.PasswordTokenAsync("alice", "openid tickets offline_access");
            accessToken = response.Str("access_token");
            refreshToken = response.Str("refresh_token");
            kid = new JsonWebToken(accessToken).Kid;
            (await first.JwksAsync()).Keys.Select(k => k.Kid).ShouldBe([kid]);
        }

        await using var second = await database.StartAsync();
        (await second.JwksAsync()).Keys.Select(k => k.Kid).ShouldBe([kid]);
        var result = await second.ValidateAsync(accessToken);
        result.IsValid.ShouldBeTrue(result.Exception?.ToString());
        result.One("sub").ShouldBe("alice");

        // The encryption key persisted too: a refresh token from before the restart still works.
        var refreshed = await second.TokenAsync(("grant_type", "refresh_token"), ("client_id", "platform-cli"), ("refresh_token", refreshToken));
        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK, await refreshed.Content.ReadAsStringAsync());
        new JsonWebToken((await refreshed.ReadJsonAsync()).Str("access_token")).Kid.ShouldBe(kid);
    }

    [Fact]
    public async Task Seeding_is_idempotent_across_restarts()
    {
        await using var database = await IdentityDatabase.CreateAsync();

        (int Alices, int Users, string[] Clients, string[] Scopes, string[] Keys) before;
        await using (var first = await database.StartAsync())
        {
            before = await SnapshotAsync(first);
            await first.PasswordTokenAsync("alice");
        }

        await using var second = await database.StartAsync();
        var after = await SnapshotAsync(second);

        after.Alices.ShouldBe(1);
        after.Users.ShouldBe(6);
        after.Clients.Length.ShouldBe(4);
        after.Clients.ShouldBe(before.Clients);
        after.Scopes.Length.ShouldBe(5); // tickets, projects, assets, notifications, scim
        after.Scopes.ShouldBe(before.Scopes);
        after.Keys.ShouldBe(before.Keys);
        (await second.PasswordTokenAsync("alice")).Str("access_token").ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Two_instances_starting_at_once_on_an_empty_database_agree()
    {
        await using var database = await IdentityDatabase.CreateAsync();
        // A provisioned, empty database, as a deployment gives it to its replicas.
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var name = builder.Database!;
        builder.Database = "postgres";
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var instances = await Task.WhenAll(Task.Run(database.StartAsync), Task.Run(database.StartAsync));
        try
        {
            var snapshots = await Task.WhenAll(instances.Select(SnapshotAsync));
            snapshots[0].Alices.ShouldBe(1);
            snapshots[0].Users.ShouldBe(6);
            snapshots[0].Clients.Length.ShouldBe(4);
            snapshots[0].Keys.Length.ShouldBe(2);
            snapshots[1].Clients.ShouldBe(snapshots[0].Clients);
            snapshots[1].Scopes.ShouldBe(snapshots[0].Scopes);
            snapshots[1].Keys.ShouldBe(snapshots[0].Keys);

            // Both publish the same key and accept each other's tokens.
            var kids = await Task.WhenAll(instances.Select(async i => (await i.JwksAsync()).Keys.Single().Kid));
            kids[1].ShouldBe(kids[0]);
            var token = (await instances[0].PasswordTokenAsync("erin")).Str("access_token");
            (await instances[1].ValidateAsync(token)).IsValid.ShouldBeTrue();
        }
        finally
        {
            foreach (var instance in instances) await instance.DisposeAsync();
        }
    }

    [Fact]
    public async Task Concurrent_seeding_of_a_database_without_users_creates_everything_once()
    {
        await using var database = await IdentityDatabase.CreateAsync();
        await using var service = await database.StartAsync();
        // Back to "no user yet", then four seeders at once, each with its own connection.
        await service.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM user_roles; DELETE FROM users; DELETE FROM roles; DELETE FROM oidc_tokens; DELETE FROM oidc_authorizations; DELETE FROM oidc_applications; DELETE FROM oidc_scopes;");
            return 0;
        });

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Seeding.DemoData.InitializeAsync(service.Services, seedDemoData: true))));

        var snapshot = await SnapshotAsync(service);
        snapshot.Alices.ShouldBe(1);
        snapshot.Users.ShouldBe(6);
        snapshot.Clients.Length.ShouldBe(4);
        snapshot.Scopes.Length.ShouldBe(5); // tickets, projects, assets, notifications, scim
        var roles = await service.WithDbAsync(db => db.Roles.Select(r => r.Name!).ToListAsync());
        roles.ShouldBe(["requester", "agent", "pmo-analyst", "pso-staff", "admin"], ignoreOrder: true);
        await service.PasswordTokenAsync("dave");
    }

    [Fact]
    public async Task Concurrent_key_creation_yields_one_key_pair()
    {
        await using var database = await IdentityDatabase.CreateAsync();
        await using var service = await database.StartAsync();
        await service.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM server_keys"));

        var rings = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => service.WithDbAsync(db =>
            Server.ServerKeyRing.EnsureAsync(db, TimeProvider.System)))));

        rings.Select(r => r.Signing.KeyId).Distinct().ShouldHaveSingleItem();
        rings.Select(r => r.Encryption.KeyId).Distinct().ShouldHaveSingleItem();
        (await service.WithDbAsync(db => db.ServerKeys.CountAsync())).ShouldBe(2);
    }
}
