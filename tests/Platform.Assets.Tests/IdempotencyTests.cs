using System.Net;
using Microsoft.EntityFrameworkCore;
using Platform.Testing;

namespace Platform.Assets.Tests;

/// <summary>Idempotency-Key on assets' POSTs: a retried create lands once.</summary>
public class IdempotencyTests(AssetsFixture fx) : IClassFixture<AssetsFixture>
{
    [Fact]
    public async Task An_asset_create_retried_with_the_same_key_registers_one_asset()
    {
        var serial = "IDEM-" + Guid.NewGuid().ToString("N")[..10];
        var body = new { kind = "Laptop", model = "ThinkPad T14", serial };
        var key = Guid.NewGuid().ToString();

        var first = await fx.Http.PostJsonAsync("/api/assets", body, key);
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        // Without the key the same serial would be refused (409 duplicate-serial); with it, the first outcome again.
        var retry = await fx.Http.PostJsonAsync("/api/assets", body, key);

        retry.StatusCode.ShouldBe(HttpStatusCode.Created, await retry.Content.ReadAsStringAsync());
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        (await fx.WithDbAsync(db => db.Assets.CountAsync(a => a.Serial == serial))).ShouldBe(1);
    }
}
