using Microsoft.EntityFrameworkCore;

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

    [Fact]
    public async Task An_import_retried_with_the_same_key_imports_once()
    {
        // The import opens a transaction of its own; with a key it joins the request's, and the key commits with the rows.
        var serial = "IDEM-" + Guid.NewGuid().ToString("N")[..10];
        var csv = $"kind,model,serial,status,assignedTo\nLaptop,ThinkPad T14,{serial}-a,,\nPhone,Pixel 9,{serial}-p,,\n";
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> ImportAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/assets/import") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
            request.Headers.Add("Idempotency-Key", key);
            return await fx.Http.SendAsync(request);
        }

        var first = await ImportAsync();
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var retry = await ImportAsync();

        retry.StatusCode.ShouldBe(HttpStatusCode.Created, await retry.Content.ReadAsStringAsync());
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        (await fx.WithDbAsync(db => db.Assets.CountAsync(a => a.Serial!.StartsWith(serial)))).ShouldBe(2);
    }
}
