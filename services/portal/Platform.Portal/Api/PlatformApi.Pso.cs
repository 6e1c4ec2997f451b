using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Platform.Portal.Api.Pso;

namespace Platform.Portal.Api;

/// <summary>The PSO staff's calls: assets, licences, kitting and procurement (the assets service, through the gateway).</summary>
public sealed partial class PlatformApi
{
    private static string Q(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) ? "" : $"&{name}={Uri.EscapeDataString(value.Trim())}";

    private static string E(string value) => Uri.EscapeDataString(value);

    // Assets

    public Task<ApiResult<Page<Asset>>> AssetsAsync(AssetFilter filter, string? cursor, int limit = 25, CancellationToken ct = default) =>
        GetAsync<Page<Asset>>($"api/assets?limit={limit}{Q("status", filter.Status)}{Q("kind", filter.Kind)}{Q("assignedTo", filter.AssignedTo)}"
            + $"{Q("projectKey", filter.ProjectKey)}{Q("location", filter.Location)}{Q("model", filter.Model)}"
            + $"{Q("warrantyBefore", filter.WarrantyBefore?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}{Cursor(cursor)}", ct);

    public Task<ApiResult<Asset>> AssetAsync(string tag, CancellationToken ct = default) => GetAsync<Asset>($"api/assets/{E(tag)}", ct);

    public Task<ApiResult<Asset>> RegisterAssetAsync(AssetDraft draft, CancellationToken ct = default) => PostAsync<Asset>("api/assets", draft, ct);

    public Task<ApiResult<Asset>> UpdateAssetAsync(string tag, AssetDraft draft, CancellationToken ct = default) =>
        PmoSendAsync<Asset>(HttpMethod.Patch, $"api/assets/{E(tag)}", draft, ct);

    /// <summary>A lifecycle move: Receive, SendToRepair, Repaired, Retire or Dispose (409 when the status does not allow it).</summary>
    public Task<ApiResult<Asset>> TransitionAssetAsync(string tag, string action, string? note, CancellationToken ct = default) =>
        PostAsync<Asset>($"api/assets/{E(tag)}/transitions", new { action, note }, ct);

    public Task<ApiResult<Asset>> AssignAssetAsync(string tag, string userId, string? projectKey, string? note, CancellationToken ct = default) =>
        PostAsync<Asset>($"api/assets/{E(tag)}/assign", new { userId, projectKey, note }, ct);

    public Task<ApiResult<Asset>> ReturnAssetAsync(string tag, bool toRepair, string? note, CancellationToken ct = default) =>
        PostAsync<Asset>($"api/assets/{E(tag)}/return", new { toRepair, note }, ct);

    public Task<ApiResult<IReadOnlyList<AssetHistoryEntry>>> AssetHistoryAsync(string tag, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<AssetHistoryEntry>>($"api/assets/{E(tag)}/history", ct);

    public Task<ApiResult<IReadOnlyList<AssetIncident>>> AssetIncidentsAsync(string tag, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<AssetIncident>>($"api/assets/{E(tag)}/incidents", ct);

    /// <summary>
    /// Sends a CSV file as text/csv. 201: the imported tags; 422: the problem with its errors per row and column;
    /// 400 invalid-encoding: the line of the first bytes that are not UTF-8.
    /// </summary>
    public async Task<ImportOutcome> ImportAssetsAsync(byte[] csv, CancellationToken ct = default)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/assets/import") { Content = new ByteArrayContent(csv) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await SendAsync(request, ct);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
                return new(JsonSerializer.Deserialize<ImportResult>(body, Json), null, [], null);

            var problem = new Problem { Title = response.ReasonPhrase, Status = status };
            var errors = new List<ImportError>();
            int? line = null;
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                if (root.TryGetProperty("title", out var title)) problem.Title = title.GetString();
                if (root.TryGetProperty("detail", out var detail)) problem.Detail = detail.GetString();
                if (root.TryGetProperty("line", out var bad) && bad.ValueKind == JsonValueKind.Number) line = bad.GetInt32();
                if (root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array)
                    errors.AddRange(list.EnumerateArray().Select(e => new ImportError(
                        e.TryGetProperty("row", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt32() : 0,
                        e.TryGetProperty("column", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null,
                        e.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "")));
                else if (root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
                    problem.Errors = fields.Deserialize<Dictionary<string, string[]>>(Json);
            }
            catch (JsonException)
            {
                // not a problem document: the status and reason stay
            }
            return new(null, problem, errors, line);
        }
        catch (HttpRequestException e)
        {
            return new(null, new Problem { Title = "The platform cannot be reached.", Detail = e.Message, Status = 503 }, [], null);
        }
    }

    // Licences

    public Task<ApiResult<Page<Licence>>> LicencesAsync(string? product, string? cursor, int limit = 50, CancellationToken ct = default) =>
        GetAsync<Page<Licence>>($"api/licences?limit={limit}{Q("product", product)}{Cursor(cursor)}", ct);

    public Task<ApiResult<Licence>> LicenceAsync(string key, CancellationToken ct = default) => GetAsync<Licence>($"api/licences/{E(key)}", ct);

    public Task<ApiResult<Licence>> RegisterLicenceAsync(string? product, string? vendor, int? seats, DateOnly? expiresOn, decimal? cost, CancellationToken ct = default) =>
        PostAsync<Licence>("api/licences", new { product, vendor, seats, expiresOn, cost }, ct);

    /// <summary>Gives a seat to a person or to an asset; 409 no-free-seat unless <paramref name="allowOveruse"/>.</summary>
    public Task<ApiResult<Licence>> GiveSeatAsync(string key, string? userId, string? assetTag, bool allowOveruse, CancellationToken ct = default) =>
        PostAsync<Licence>($"api/licences/{E(key)}/seats", new { userId, assetTag, allowOveruse }, ct);

    public Task<ApiResult<Licence>> ReleaseSeatAsync(string key, Guid seat, CancellationToken ct = default) =>
        PmoSendAsync<Licence>(HttpMethod.Delete, $"api/licences/{E(key)}/seats/{seat}", null, ct);

    // Kitting

    public Task<ApiResult<Page<Kitting>>> KittingListAsync(string? status, string? kind, string? projectKey, string? cursor, CancellationToken ct = default) =>
        GetAsync<Page<Kitting>>($"api/kitting?limit=100{Q("status", status)}{Q("kind", kind)}{Q("projectKey", projectKey)}{Cursor(cursor)}", ct);

    public Task<ApiResult<Kitting>> KittingAsync(string key, CancellationToken ct = default) => GetAsync<Kitting>($"api/kitting/{E(key)}", ct);

    /// <summary>Ticks a checklist item, handing over an asset or a licence seat with it when named.</summary>
    public Task<ApiResult<Kitting>> CompleteKittingItemAsync(string key, int position, string? assetTag, string? licence, string? note, CancellationToken ct = default) =>
        PostAsync<Kitting>($"api/kitting/{E(key)}/items/{position}/complete", new { assetTag, licence, note }, ct);

    public Task<ApiResult<Kitting>> AddKittingItemAsync(string key, string? kind, string? description, CancellationToken ct = default) =>
        PostAsync<Kitting>($"api/kitting/{E(key)}/items", new { kind, description }, ct);

    public Task<ApiResult<Kitting>> CompleteKittingAsync(string key, string? note, CancellationToken ct = default) =>
        PostAsync<Kitting>($"api/kitting/{E(key)}/complete", new { note }, ct);

    public Task<ApiResult<Kitting>> CancelKittingAsync(string key, string? note, CancellationToken ct = default) =>
        PostAsync<Kitting>($"api/kitting/{E(key)}/cancel", new { note }, ct);

    // Procurement

    public Task<ApiResult<Page<Procurement>>> ProcurementsAsync(string? status, string? cursor, CancellationToken ct = default) =>
        GetAsync<Page<Procurement>>($"api/procurement?limit=50{Q("status", status)}{Cursor(cursor)}", ct);

    public Task<ApiResult<Procurement>> ProcurementAsync(string key, CancellationToken ct = default) => GetAsync<Procurement>($"api/procurement/{E(key)}", ct);

    public Task<ApiResult<Procurement>> CreateProcurementAsync(string? title, IReadOnlyList<string> vendors, IReadOnlyList<ProcurementItemDraft> items, CancellationToken ct = default) =>
        PostAsync<Procurement>("api/procurement", new { title, vendors, items }, ct);

    public Task<ApiResult<Procurement>> AddQuoteAsync(string key, string? vendor, string? item, decimal? unitPrice, DateOnly? validUntil, CancellationToken ct = default) =>
        PostAsync<Procurement>($"api/procurement/{E(key)}/quotes", new { vendor, item, unitPrice, validUntil }, ct);

    public Task<ApiResult<Procurement>> ApproveProcurementAsync(string key, string? vendor, CancellationToken ct = default) =>
        PostAsync<Procurement>($"api/procurement/{E(key)}/approve", new { vendor }, ct);

    public Task<ApiResult<Procurement>> RejectProcurementAsync(string key, string? note, CancellationToken ct = default) =>
        PostAsync<Procurement>($"api/procurement/{E(key)}/reject", new { note }, ct);

    public Task<ApiResult<Procurement>> OrderProcurementAsync(string key, string? orderReference, CancellationToken ct = default) =>
        PostAsync<Procurement>($"api/procurement/{E(key)}/order", new { orderReference }, ct);

    public Task<ApiResult<Procurement>> ReceiveProcurementAsync(string key, string item, IReadOnlyList<string> serials, int? quantity, string? location, CancellationToken ct = default) =>
        PostAsync<Procurement>($"api/procurement/{E(key)}/receive", new { item, serials, quantity, location }, ct);
}
