using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Shouldly;

namespace Platform.Testing;

/// <summary>
/// A service hosted in the test process (in-memory HTTP), on real PostgreSQL and RabbitMQ; its warnings and errors
/// also go to <paramref name="logs"/> when one is given.
/// </summary>
public sealed class ServiceFactory<TEntryPoint>(IReadOnlyDictionary<string, string?> settings, LogCapture? logs = null)
    : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (logs is not null) builder.ConfigureLogging(logging => logging.AddProvider(logs));
    }
}

public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (string.IsNullOrWhiteSpace(text)) throw new InvalidOperationException($"Empty body with status {(int)response.StatusCode}.");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The answer's JSON body, once its status is <paramref name="expected"/> (the body is in the failure message when it is not).</summary>
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string url, object body) =>
        http.PostAsJsonAsync(url, body, Options);

    /// <summary>POST with an <c>Idempotency-Key</c> header (the same body serialises to the same bytes every time).</summary>
    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string url, object body, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Options) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        return await http.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient http, string url, object body) =>
        http.PatchAsJsonAsync(url, body, Options);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient http, string url, string json) =>
        http.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public static string Str(this JsonElement e, string property) => e.GetProperty(property).GetString()!;

    /// <summary>A string property, or null when it is absent or null.</summary>
    public static string? StrOrNull(this JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
