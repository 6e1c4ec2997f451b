using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Data;

namespace Platform.Messaging.Tests;

/// <summary>
/// A database restart in the middle of an Idempotency-Key request (found by the fault suite's PostgreSQL restart): the
/// endpoint answered 200 after its connection had died under it, and recording the key then failed with
/// "Transaction is already completed", a 500. Nothing was committed, so it is the 503 of an outage.
/// </summary>
public sealed class IdempotencyConnectionLossTests() : IsolatedTest("idem", "idem")
{
    private MessagingHost _host = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _host = await MessagingHost.StartAsync(Servers, Database, dispatcher: false);
    }

    public override async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_connection_lost_under_a_keyed_request_is_a_database_unavailable_error_and_keeps_nothing()
    {
        var key = Guid.NewGuid().ToString();
        var middleware = new IdempotencyKeyMiddleware<TestDbContext>(async context =>
        {
            // The endpoint writes, then its connection is killed from outside (as a restart does); it swallows the
            // failure of its next statement and answers 200 as if all went well.
            var db = context.RequestServices.GetRequiredService<TestDbContext>();
            db.Notes.Add(new Note { Text = "lost " + key });
            await db.SaveChangesAsync();
            var pid = db.Database.GetDbConnection() is NpgsqlConnection c ? c.ProcessID : 0;
            await using (var admin = new NpgsqlConnection(db.Database.GetConnectionString()))
            {
                await admin.OpenAsync();
                await using var kill = new NpgsqlCommand($"SELECT pg_terminate_backend({pid})", admin);
                await kill.ExecuteScalarAsync();
            }

            try { await db.Database.ExecuteSqlRawAsync("SELECT 1"); }
            catch (Exception) { /* the endpoint under test ignores it */ }
            context.Response.StatusCode = StatusCodes.Status200OK;
        }, Options.Create(new IdempotencyOptions()), TimeProvider.System);

        await using var scope = _host.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = "/api/notes";
        context.Request.Headers[IdempotencyKeys.HeaderName] = key;
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "bob")], "test"));
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(), "notes"));
        context.Response.Body = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(context.Response.Body));

        var failure = await Should.ThrowAsync<Exception>(() => middleware.InvokeAsync(context));

        ProblemExceptionHandler.IsDatabaseUnavailable(failure).ShouldBeTrue(failure.ToString());
        (await _host.WithDbAsync(db => db.Notes.CountAsync(n => n.Text == "lost " + key))).ShouldBe(0);
        (await _host.WithDbAsync(db => db.Set<IdempotencyKey>().CountAsync(k => k.Key == key))).ShouldBe(0);
    }
}
