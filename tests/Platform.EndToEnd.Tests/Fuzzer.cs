using System.Text.Json.Nodes;
using Npgsql;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Walks the write operations of the services' OpenAPI documents (as the gateway serves them) and sends, per operation:
/// <list type="bullet">
/// <item>a plausible body built from the schema (the "base"); when it creates something, the new key fills the path
/// parameters of the operations below it, so that later cases reach real tickets, projects, assets…;</item>
/// <item>per body field: NUL and other control characters, non-ASCII and right-to-left text, a 1 MB string, wrong JSON
/// types, null, the field left out, edge and out-of-range numbers, dates outside 1900–2999 and impossible dates,
/// unknown enum values, malformed and unknown ids, arrays with bad items;</item>
/// <item>per body: no body, null, an array, a string, malformed JSON;</item>
/// <item>per path parameter: control characters, traversal, SQL, over-long, non-ASCII and unknown ids.</item>
/// </list>
/// Each answer must come within the client's timeout, be below 500 and, when an error, be a ProblemDetails; the cases
/// that are certainly invalid must be refused; and a refused request must change no table of the service's database
/// (row counts and the newest row version of every table, compared before and after; a difference is confirmed by
/// repeating the request once the database is quiet, so a consumer finishing earlier work is not blamed).
/// </summary>
public sealed class Fuzzer(PlatformFixture fx, HttpClient http)
{
    private static readonly string[] Services = ["identity", "ticketing", "projects", "assets", "notifications"];
    private static readonly string[] WriteMethods = ["post", "put", "patch"];
    private const string Today = "2026-12-01";

    private readonly Dictionary<string, string> _found = new(StringComparer.Ordinal); // collection path template → a key
    private readonly Dictionary<string, JsonObject> _docs = new();
    private readonly List<string> _failures = [];
    private readonly StringBuilder _log = new();
    private readonly Dictionary<string, string> _snapshotSql = new();
    private int _cases, _reached;

    public sealed record Report(int Operations, int Reached, int Cases, IReadOnlyList<string> Services, List<string> Failures, string Summary, string Full);

    private sealed record Operation(string Service, string Method, string Template, JsonObject Spec)
    {
        public override string ToString() => $"{Method.ToUpperInvariant()} {Template}";
    }

    private sealed record Case(string Name, string Path, Func<HttpContent?> Body, bool MustRefuse);

    public async Task<Report> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        foreach (var service in Services)
        {
            var response = await http.GetAsync($"/openapi/{service}.json", ct);
            response.EnsureSuccessStatusCode();
            _docs[service] = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!.AsObject();
        }

        var operations = _docs.SelectMany(d => d.Value["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
                .Where(m => WriteMethods.Contains(m.Key) || (m.Key == "delete" && p.Key.Contains('{')))
                .Select(m => new Operation(d.Key, m.Key, p.Key, m.Value!.AsObject()))))
            .Where(o => !o.Template.StartsWith("/hooks/", StringComparison.Ordinal) || o.Method == "post")
            .OrderBy(o => o.Template.Count(c => c == '{')).ThenBy(o => o.Method == "delete").ThenBy(o => o.Method != "post")
            .ThenBy(o => o.Template.Length).ThenBy(o => o.Template, StringComparer.Ordinal)
            .ToList();

        foreach (var op in operations)
        {
            ct.ThrowIfCancellationRequested();
            await FuzzAsync(op, ct);
        }

        var summary = $"fuzz: {operations.Count} operations ({operations.Count(o => o.Method != "delete")} POST/PUT/PATCH, " +
                      $"{operations.Count(o => o.Method == "delete")} DELETE) in {Services.Length} services, {_reached} reached with real " +
                      $"resources, {_cases} cases, {_failures.Count} failures, {clock.Elapsed.TotalSeconds:F0} s";
        return new Report(operations.Count, _reached, _cases, operations.Select(o => o.Service).Distinct().ToList(), _failures, summary,
            summary + "\n\n" + string.Join("\n", _failures) + "\n\n" + _log);
    }

    private async Task FuzzAsync(Operation op, CancellationToken ct)
    {
        var schema = BodySchema(op, out var contentType);
        var path = FillPath(op);
        if (path is null)
        {
            path = await DiscoverPathAsync(op, ct);
            if (path is null) { _log.AppendLine($"{op}: no resource found for its path; fuzzed with made-up ids"); path = MadeUpPath(op); }
        }

        // The base request: plausible values. It may be refused (a rule of the domain); what it creates feeds later paths.
        var baseBody = schema is null ? null : Sample(op.Service, schema, null, 0);
        if (op.Method != "delete")
        {
            var (status, body) = await SendAsync(op, new Case("base", path, () => Content(contentType, baseBody), false), ct);
            _log.AppendLine($"{op} base → {status}");
            if (status != 404) _reached++;
            if (status is >= 200 and < 300 && op.Method == "post") Remember(op, body);
        }
        else _reached++;

        var cases = new List<Case>();
        if (schema is not null && contentType == "application/json") cases.AddRange(BodyCases(op, path, schema, baseBody!));
        else if (contentType is not null) cases.AddRange(RawBodyCases(path, contentType));
        cases.AddRange(PathCases(op, path, () => Content(contentType, baseBody)));
        foreach (var c in cases) await SendAsync(op, c, ct);
    }

    // ---- Cases ----------------------------------------------------------------------------------------------------

    private IEnumerable<Case> BodyCases(Operation op, string path, JsonObject schema, JsonNode baseBody)
    {
        Case Whole(string name, string raw, bool refuse) => new(name, path, () => Raw(raw), refuse);
        var required = op.Spec["requestBody"]?["required"]?.GetValue<bool>() == true;
        yield return Whole("malformed JSON", "{\"a\": ", true);
        yield return Whole("JSON array", "[]", true);
        yield return Whole("JSON string", "\"text\"", true);
        yield return Whole("JSON number", "42", true);
        yield return Whole("JSON null", "null", required);
        yield return Whole("empty object", "{}", false);
        yield return new Case("no body", path, () => null, required);
        var properties = Resolve(op.Service, schema)["properties"]?.AsObject();
        if (properties is null || baseBody is not JsonObject baseObject) yield break;

        // Bytes no JSON text may hold, in a field the operation reads (an unknown field is skipped unread).
        if (properties.FirstOrDefault(p => Kind(Resolve(op.Service, p.Value!)) == "string").Key is { } text)
        {
            yield return new("invalid UTF-8 bytes", path, () => Bytes([.. Encoding.UTF8.GetBytes($"{{\"{text}\": \""), 0xff, 0xfe, 0x00, .. "\"}"u8]), true);
            yield return Whole("a lone surrogate", $"{{\"{text}\": \"\\ud800\"}}", true);
        }

        foreach (var (name, propertySchema) in properties)
        {
            var field = Resolve(op.Service, propertySchema!);
            foreach (var (label, value, refuse) in Values(op.Service, name, field))
            {
                yield return new Case($"{name} = {label}", path, () =>
                {
                    var body = baseObject.DeepClone().AsObject();
                    if (value is Missing) body.Remove(name);
                    else body[name] = value is JsonNode node ? node.DeepClone() : null;
                    return Json(body);
                }, refuse);
            }
        }
    }

    private sealed class Missing;

    /// <summary>Bad and odd values for one field: (label, value or null or <see cref="Missing"/>, must be refused).</summary>
    private IEnumerable<(string, object?, bool)> Values(string service, string name, JsonObject field)
    {
        var kind = Kind(field);
        yield return ("left out", new Missing(), false);
        yield return ("null", null, false);
        yield return ("NUL inside", JsonValue.Create("a\u0000b"), true);
        yield return ("a control character", JsonValue.Create("x\u0001\u001by"), true);
        yield return ("an object", new JsonObject { ["a"] = 1 }, kind != "object");
        yield return ("an array of NUL", new JsonArray(JsonValue.Create("\u0000")), true);
        switch (kind)
        {
            case "string":
                yield return ("a number", JsonValue.Create(12345), true);
                yield return ("true", JsonValue.Create(true), true);
                yield return ("empty", JsonValue.Create(""), false);
                yield return ("blank", JsonValue.Create("   "), false);
                yield return ("non-ASCII", JsonValue.Create("José 日本語テスト 🙂"), false);
                yield return ("right-to-left", JsonValue.Create("\u202Eمرحبا שלום\u202C"), false);
                yield return ("tab and line breaks", JsonValue.Create("a\tb\r\nc"), false);
                yield return ("SQL", JsonValue.Create("x'); DROP TABLE tickets; --"), false);
                yield return ("markup", JsonValue.Create("<script>alert(1)</script>"), false);
                yield return ("a path", JsonValue.Create("../../etc/passwd"), false);
                yield return ("1 MB", JsonValue.Create(new string('x', 1_000_000)), false);
                yield return ("10,000 characters", JsonValue.Create(new string('y', 10_001)), false);
                break;
            case "date":
                foreach (var d in new[] { "0001-01-01", "1899-12-31", "3000-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "30/11/2026", "yesterday", "" })
                    yield return ($"date {d}", JsonValue.Create(d), true);
                foreach (var d in new[] { "1900-01-01", "2999-12-31", "2026-02-28" })
                    yield return ($"date {d}", JsonValue.Create(d), false);
                yield return ("a number", JsonValue.Create(20261130), true);
                break;
            case "date-time":
                foreach (var d in new[] { "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59-14:00", "1899-12-31T23:59:59Z", "2026-11-31T00:00:00Z", "now" })
                    yield return ($"timestamp {d}", JsonValue.Create(d), true);
                foreach (var d in new[] { "1900-01-01T00:00:00Z", "2999-12-31T23:59:59+14:00", "2026-11-30T12:00:00+09:00" })
                    yield return ($"timestamp {d}", JsonValue.Create(d), false);
                break;
            case "uuid":
                yield return ("a malformed id", JsonValue.Create("not-a-guid"), true);
                yield return ("a number", JsonValue.Create(1), true);
                yield return ("an unknown id", JsonValue.Create(Guid.NewGuid().ToString()), false);
                yield return ("the empty id", JsonValue.Create(Guid.Empty.ToString()), false);
                break;
            case "integer":
                foreach (var n in new long[] { 0, -1, 1, int.MaxValue, int.MinValue, 100, 101, 1_000_000 })
                    yield return ($"{n}", JsonValue.Create(n), false);
                yield return ("2^31", JsonValue.Create(2_147_483_648L), true);
                yield return ("2^63", JsonNode.Parse("9223372036854775808"), true);
                yield return ("1.5", JsonValue.Create(1.5), true);
                yield return ("1e400", JsonNode.Parse("1e400"), true);
                yield return ("text", JsonValue.Create("many"), true);
                yield return ("true", JsonValue.Create(true), true);
                break;
            case "number":
                foreach (var n in new[] { 0, -1, 0.001, 1e15, -1e15, 1.7976931348623157e308, 4.9e-324 })
                    yield return ($"{n}", JsonValue.Create(n), false);
                yield return ("NaN as text", JsonValue.Create("NaN"), true);
                yield return ("Infinity as text", JsonValue.Create("Infinity"), true);
                yield return ("1e400", JsonNode.Parse("1e400"), true);
                yield return ("text", JsonValue.Create("lots"), true);
                break;
            case "boolean":
                yield return ("text", JsonValue.Create("yes"), true);
                yield return ("1", JsonValue.Create(1), true);
                break;
            case "enum":
                yield return ("an unknown value", JsonValue.Create("Apocalyptic"), true);
                yield return ("empty", JsonValue.Create(""), true);
                yield return ("a number", JsonValue.Create(1), true);
                yield return ("NUL value", JsonValue.Create("High\u0000"), true);
                break;
            case "array":
                var items = Resolve(service, field["items"] as JsonObject ?? new JsonObject());
                yield return ("empty", new JsonArray(), false);
                yield return ("a string", JsonValue.Create("a"), true);
                yield return ("null items", new JsonArray(null, null), false);
                yield return ("a NUL item", new JsonArray(Kind(items) is "object" ? new JsonObject { ["name"] = "a\u0000" } : JsonValue.Create("a\u0000")), true);
                yield return ("1,000 items", new JsonArray(Enumerable.Range(0, 1_000).Select(_ => Sample(service, items, name, 1)).ToArray()), false);
                yield return ("items of another type", new JsonArray(JsonValue.Create(true), new JsonObject()), Kind(items) is not "object");
                break;
            case "object":
                yield return ("a string", JsonValue.Create("x"), true);
                yield return ("an array", new JsonArray(), true);
                var nested = field["properties"]?.AsObject();
                if (nested is not null)
                    foreach (var (inner, innerSchema) in nested)
                    {
                        var sample = Sample(service, field, name, 1)!.AsObject();
                        sample[inner] = "a\u0000b";
                        yield return ($"{inner} NUL", sample, true);
                    }
                break;
        }
    }

    private static IEnumerable<Case> RawBodyCases(string path, string contentType)
    {
        if (contentType == "text/csv")
        {
            const string header = "tag,kind,model,serial,status,assignedTo,projectKey,location,purchaseDate,warrantyEnd\n";
            yield return new("CSV with NUL and invalid bytes", path, () => Typed(Bytes([.. Encoding.UTF8.GetBytes(header + "AST-X,Laptop,a"), 0x00, 0xff, 0xfe, .. ",b\n"u8]), "text/csv"), true);
            yield return new("CSV with control characters", path, () => Typed(new StringContent(header + "AST-Y,Laptop,m\u0001,s,InStock,,,,,\n", Encoding.UTF8), "text/csv"), true);
            yield return new("CSV with far dates", path, () => Typed(new StringContent(header + "AST-Z,Laptop,m,s,InStock,,,,9999-12-31,0001-01-01\n", Encoding.UTF8), "text/csv"), true);
            yield return new("CSV with only a header", path, () => Typed(new StringContent(header, Encoding.UTF8), "text/csv"), false);
            yield return new("CSV empty", path, () => Typed(new StringContent("", Encoding.UTF8), "text/csv"), true);
            yield return new("CSV with a 1 MB field", path, () => Typed(new StringContent(header + "AST-W,Laptop," + new string('m', 1_000_000) + ",s,InStock,,,,,\n", Encoding.UTF8), "text/csv"), true);
            yield return new("CSV with mismatched quotes", path, () => Typed(new StringContent(header + "\"AST-V,Laptop,\"m\"x,s\n", Encoding.UTF8), "text/csv"), false);
        }
        else if (contentType == "multipart/form-data")
        {
            yield return new("multipart without a file", path, () => new MultipartFormDataContent(), true);
            yield return new("a file named with NUL", path, () => FileForm("a\u0000b.txt"), false);
            yield return new("a file named with a path", path, () => FileForm("../../etc/passwd"), false);
            yield return new("a file named in Japanese", path, () => FileForm("報告書 ‮txt.exe"), false);
            yield return new("a JSON body instead of a file", path, () => Raw("{\"file\": \"x\"}"), true);
        }
    }

    private static IEnumerable<Case> PathCases(Operation op, string path, Func<HttpContent?> body)
    {
        var segments = path.Split('/');
        var template = op.Template.Split('/');
        for (var i = 0; i < template.Length; i++)
        {
            if (!template[i].StartsWith('{')) continue;
            var parameter = template[i].Trim('{', '}');
            foreach (var (label, value) in new[]
                     {
                         ("%00", "a%00b"), ("%01", "%01"), ("a line break", "a%0Ab"), ("traversal", "..%2F..%2Fetc%2Fpasswd"),
                         ("dot-dot", ".."), ("SQL", "1'%20OR%20'1'%3D'1"), ("over-long", new string('9', 5_000)),
                         ("a huge number", "99999999999999999999999"), ("-1", "-1"), ("0", "0"), ("non-ASCII", "%E6%97%A5%E6%9C%AC%E8%AA%9E"),
                         ("right-to-left", "%E2%80%AEabc"), ("an unknown id", Guid.NewGuid().ToString()), ("an unknown key", "HD-999999999"),
                         ("percent", "%25"), ("invalid escape", "%zz"), ("spaces", "%20%20"),
                     })
            {
                var changed = (string[])segments.Clone();
                changed[i] = value;
                yield return new Case($"path {{{parameter}}} = {label}", string.Join('/', changed), body, false);
            }
        }
    }

    // ---- Sending and checking -------------------------------------------------------------------------------------

    private async Task<(int Status, JsonElement? Body)> SendAsync(Operation op, Case c, CancellationToken ct)
    {
        _cases++;
        var before = await SnapshotAsync(op.Service, ct);
        var (status, text, mediaType, error) = await RequestAsync(op, c, ct);
        var label = $"{op} [{c.Name}]";
        if (error is not null) { Fail($"{label}: {error}"); return (0, null); }
        if (status >= 500) Fail($"{label}: {status} {Clip(text)}");
        if (c.MustRefuse && status is >= 200 and < 400) Fail($"{label}: accepted ({status}) although the input is invalid: {Clip(text)}");

        JsonElement? parsed = null;
        try { parsed = string.IsNullOrEmpty(text) ? null : JsonDocument.Parse(text).RootElement.Clone(); } catch (JsonException) { }

        if (status >= 400)
        {
            if (mediaType != "application/problem+json" || parsed is not { ValueKind: JsonValueKind.Object } problem
                || !problem.TryGetProperty("status", out var s) || s.ValueKind != JsonValueKind.Number || s.GetInt32() != status
                || !problem.TryGetProperty("title", out _))
                Fail($"{label}: {status} is not a ProblemDetails ({mediaType ?? "no content type"}): {Clip(text)}");

            var after = await SnapshotAsync(op.Service, ct);
            if (Differences(before, after) is { Length: > 0 })
            {
                // Confirm: once the database is quiet (a consumer or dispatcher may have finished earlier work just now),
                // the same refused request must again change nothing.
                // Twice: a difference that is not the request's own does not come back on both tries.
                var diff = "";
                for (var attempt = 0; attempt < 2; attempt++)
                {
                    await QuietAsync(ct);
                    var quiet = await SnapshotAsync(op.Service, ct);
                    var again = await RequestAsync(op, c, ct);
                    diff = again.Status >= 400 ? Differences(quiet, await SnapshotAsync(op.Service, ct)) : "";
                    if (diff.Length == 0) break;
                }

                if (diff.Length > 0) Fail($"{label}: refused with {status} but wrote to {op.Service}: {diff}");
            }
        }

        return (status, parsed);
    }

    private async Task<(int Status, string Text, string? MediaType, string? Error)> RequestAsync(Operation op, Case c, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(new HttpMethod(op.Method.ToUpperInvariant()), new Uri(c.Path, UriKind.Relative)) { Content = c.Body() };
            if (op.Template.StartsWith("/hooks/", StringComparison.Ordinal) && request.Content is not null) await SignAsync(request, ct);
            try
            {
                using var response = await http.SendAsync(request, ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 5) { await Task.Delay(1_000, ct); continue; }
                return ((int)response.StatusCode, text, response.Content.Headers.ContentType?.MediaType, null);
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                return (0, "", null, $"no answer within {http.Timeout.TotalSeconds:F0} s");
            }
            catch (HttpRequestException e)
            {
                return (0, "", null, $"the connection failed: {e.Message}");
            }
        }
    }

    /// <summary>Inbound hooks carry a signature instead of a token: sign as the configured "monitoring" source would.</summary>
    private static async Task SignAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = await request.Content!.ReadAsByteArrayAsync(ct);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        request.Headers.Add("X-Signature", Signatures.Sign("local-development-only-monitoring-secret", timestamp, body));
    }

    private void Fail(string failure)
    {
        _failures.Add(failure);
        _log.AppendLine("FAIL " + failure);
    }

    private static string Clip(string text) => text.Length > 300 ? text[..300] + "…" : text;

    // ---- Database snapshots ---------------------------------------------------------------------------------------

    /// <summary>Per table of the service's database: row count and the newest row version (xmin).</summary>
    private async Task<Dictionary<string, string>> SnapshotAsync(string service, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(fx.Servers.Servers.DatabaseConnectionString($"{fx.Servers.Name}_{service}"));
        await connection.OpenAsync(ct);
        if (!_snapshotSql.TryGetValue(service, out var sql))
        {
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand(
                             "SELECT quote_ident(table_name) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '__EFMigrationsHistory'",
                             connection))
            await using (var reader = await list.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
            sql = _snapshotSql[service] = string.Join(" UNION ALL ",
                tables.Select(t => $"SELECT '{t}', count(*)::text || '/' || coalesce(max(xmin::text::bigint), 0)::text FROM {t}"));
        }

        var snapshot = new Dictionary<string, string>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var rows = await command.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct)) snapshot[rows.GetString(0)] = rows.GetString(1);
        return snapshot;
    }

    private static string Differences(Dictionary<string, string> before, Dictionary<string, string> after) =>
        string.Join(", ", after.Where(kv => !before.TryGetValue(kv.Key, out var was) || was != kv.Value)
            .Select(kv => $"{kv.Key} {before.GetValueOrDefault(kv.Key, "-")} → {kv.Value}"));

    /// <summary>
    /// Waits (up to 30 s) until no database of the platform changes over a second: events in flight from earlier
    /// accepted cases have been consumed everywhere (a promotion goes to projects and comes back to ticketing).
    /// </summary>
    private async Task QuietAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var stableSince = DateTime.UtcNow;
        var last = await SnapshotAllAsync(ct);
        while (DateTime.UtcNow < deadline && DateTime.UtcNow - stableSince < TimeSpan.FromSeconds(1))
        {
            await Task.Delay(100, ct);
            var now = await SnapshotAllAsync(ct);
            if (now != last) stableSince = DateTime.UtcNow;
            last = now;
        }
    }

    private async Task<string> SnapshotAllAsync(CancellationToken ct)
    {
        var all = new StringBuilder();
        foreach (var service in Services)
            foreach (var (table, state) in (await SnapshotAsync(service, ct)).OrderBy(kv => kv.Key, StringComparer.Ordinal))
                all.Append(service).Append('.').Append(table).Append('=').Append(state).Append(';');
        return all.ToString();
    }

    // ---- Schemas, samples and paths -------------------------------------------------------------------------------

    private JsonObject? BodySchema(Operation op, out string? contentType)
    {
        contentType = null;
        var content = op.Spec["requestBody"]?["content"]?.AsObject();
        if (content is null || content.Count == 0) return null;
        var (type, media) = content.First();
        contentType = type;
        return media?["schema"] is JsonObject schema ? Resolve(op.Service, schema) : type == "application/json" ? new JsonObject { ["type"] = "object" } : null;
    }

    private JsonObject Resolve(string service, JsonNode node)
    {
        var schema = node.AsObject();
        for (var depth = 0; depth < 10; depth++)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference)
                schema = _docs[service]["components"]!["schemas"]![reference.Split('/')[^1]]!.AsObject();
            else if (schema["oneOf"] is JsonArray oneOf)
                schema = oneOf.Select(o => o!.AsObject()).FirstOrDefault(o => o["type"]?.ToString() != "null") ?? new JsonObject();
            else if (schema["allOf"] is JsonArray { Count: > 0 } allOf)
                schema = allOf[0]!.AsObject();
            else break;
        }

        return schema;
    }

    private static string Kind(JsonObject schema)
    {
        if (schema["enum"] is not null) return "enum";
        var types = schema["type"] switch
        {
            JsonArray a => a.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList(),
            JsonValue v => [v.GetValue<string>()],
            _ => schema["properties"] is not null ? ["object"] : [],
        };
        var format = schema["format"]?.GetValue<string>();
        if (types.Contains("integer")) return "integer";
        if (types.Contains("number")) return "number";
        if (types.Contains("boolean")) return "boolean";
        if (types.Contains("array")) return "array";
        if (types.Contains("object")) return "object";
        return format switch { "date" => "date", "date-time" => "date-time", "uuid" => "uuid", _ => "string" };
    }

    /// <summary>A plausible value for a field, by its name where the platform's rules need one, else by its type.</summary>
    private JsonNode? Sample(string service, JsonObject schema, string? name, int depth)
    {
        schema = Resolve(service, schema);
        var kind = Kind(schema);
        var key = name?.ToLowerInvariant() ?? "";
        switch (kind)
        {
            case "enum": return JsonValue.Create(schema["enum"]!.AsArray()[0]!.ToString());
            case "object":
                var body = new JsonObject();
                if (depth > 3) return body;
                foreach (var (property, propertySchema) in schema["properties"]?.AsObject() ?? new JsonObject())
                    body[property] = Sample(service, propertySchema!.AsObject(), property, depth + 1);
                return body;
            case "array":
                var item = Sample(service, Resolve(service, schema["items"] as JsonObject ?? new JsonObject()), ItemName(key), depth + 1);
                return key is "dependson" or "holidays" or "attachments" ? new JsonArray() : new JsonArray(item);
            case "integer":
                return JsonValue.Create(key switch
                {
                    "percent" => 50, "probability" or "impact" => 3, "rating" or "score" => 4, "quantity" or "seats" or "received" => 1,
                    _ when key.Contains("minutes") => 240, _ when key.Contains("days") => 30, "limit" => 10, "weekday" or "day" => 1,
                    _ => 1,
                });
            case "number": return JsonValue.Create(key.Contains("hours") ? 8.0 : 100.5);
            case "boolean": return JsonValue.Create(false);
            case "uuid":
                return JsonValue.Create(key switch
                {
                    "milestoneid" => _found.GetValueOrDefault("/api/projects/{project}/milestones") ?? Guid.NewGuid().ToString(),
                    "articleid" => _found.GetValueOrDefault("/api/kb/articles") ?? Guid.NewGuid().ToString(),
                    "calendarid" => _found.GetValueOrDefault("/api/calendars") ?? Guid.NewGuid().ToString(),
                    "profileid" or "kitprofileid" => _found.GetValueOrDefault("/api/kit-profiles") ?? Guid.NewGuid().ToString(),
                    _ => Guid.NewGuid().ToString(),
                });
            case "date":
                return JsonValue.Create(key switch
                {
                    "from" or "startdate" or "start" or "purchasedate" => Today,
                    _ when key.Contains("end") || key.Contains("due") || key.Contains("expir") || key == "to" || key.Contains("until") => "2027-01-31",
                    _ => "2026-12-15",
                });
            case "date-time": return JsonValue.Create(key.Contains("end") || key.Contains("due") ? "2027-01-31T09:00:00Z" : "2026-12-01T09:00:00Z");
        }

        return JsonValue.Create(key switch
        {
            "requester" or "owner" or "userid" or "assignedto" or "holder" or "sponsor" or "teamlead" or "person" => "dave",
            "assignee" or "agent" => "bob",
            "manager" => "carol",
            "category" => "network",
            "projectkey" => _found.GetValueOrDefault("/api/projects") ?? "PRJ-1",
            "assettag" or "tag" => _found.GetValueOrDefault("/api/assets") ?? "AST-00001",
            "licence" or "licencekey" => _found.GetValueOrDefault("/api/licences") ?? "LIC-1",
            "queue" or "escalatetoqueue" => _found.GetValueOrDefault("/api/queues"),
            "key" or "code" => "fuzz" + Guid.NewGuid().ToString("N")[..6],
            "url" => "http://127.0.0.1:9/fuzz",
            "email" => "fuzz@example.test",
            "timezone" => "Asia/Tokyo",
            "role" or "roles" => service == "projects" ? "member" : "agent",
            "eventtypes" or "eventtype" => "TicketCreated",
            "users" => "bob",
            "currency" => "JPY",
            "week" => "2026-W49",
            "action" => "Start",
            "time" or "start" or "from" => "09:00",
            "end" or "to" => "17:00",
            _ => $"Fuzz {key}",
        });
    }

    private static string ItemName(string plural) => plural.EndsWith('s') ? plural[..^1] : plural;

    private static HttpContent? Content(string? contentType, JsonNode? body) => contentType switch
    {
        null => null,
        "application/json" => Json(body),
        "text/csv" => Typed(new StringContent(
            "tag,kind,model,serial,status,assignedTo,projectKey,location,purchaseDate,warrantyEnd\nFZ-" + Guid.NewGuid().ToString("N")[..6] +
            ",Laptop,ThinkPad,SN1,InStock,,,,2026-01-01,2029-01-01\n", Encoding.UTF8), "text/csv"),
        "multipart/form-data" => FileForm("fuzz.txt"),
        _ => null,
    };

    /// <summary>A form with one small text file under <paramref name="name"/>, written as sent: a client may put anything in a file name.</summary>
    private static MultipartFormDataContent FileForm(string name)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("fuzz"u8.ToArray());
        file.Headers.ContentType = new("text/plain");
        file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"file\"; filename=\"{name}\"");
        form.Add(file);
        return form;
    }

    private static StringContent Json(JsonNode? body) => new(body?.ToJsonString() ?? "null", Encoding.UTF8, "application/json");

    private static StringContent Raw(string raw) => new(raw, Encoding.UTF8, "application/json");

    private static ByteArrayContent Bytes(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");
        return content;
    }

    private static HttpContent Typed(HttpContent content, string mediaType)
    {
        content.Headers.ContentType = new(mediaType);
        return content;
    }

    /// <summary>After a successful create, its key (or id, or tag) stands for the collection's path parameter.</summary>
    private void Remember(Operation op, JsonElement? body)
    {
        if (body is not { ValueKind: JsonValueKind.Object } created) return;
        foreach (var property in new[] { "key", "tag", "id", "userId" })
        {
            if (created.TryGetProperty(property, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                _found.TryAdd(op.Template, value.ToString());
                break;
            }
        }
    }

    /// <summary>The path with every parameter filled from what earlier creates returned, or null when one is unknown.</summary>
    private string? FillPath(Operation op)
    {
        var segments = op.Template.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (!segments[i].StartsWith('{')) continue;
            var collection = string.Join('/', op.Template.Split('/')[..i]);
            var value = _found.GetValueOrDefault(collection) ?? Fixed(segments[i].Trim('{', '}'));
            if (value is null) return null;
            segments[i] = Uri.EscapeDataString(value);
        }

        return string.Join('/', segments);
    }

    private static string? Fixed(string parameter) => parameter switch
    {
        "source" => "monitoring",
        "agent" => "bob",
        "userId" => "dave",
        _ => null,
    };

    /// <summary>A path parameter no create returned: list the collection (or read the parent) and take the first one.</summary>
    private async Task<string?> DiscoverPathAsync(Operation op, CancellationToken ct)
    {
        var segments = op.Template.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (!segments[i].StartsWith('{')) continue;
            var collection = string.Join('/', segments[..i]);
            if (_found.ContainsKey(collection) || Fixed(segments[i].Trim('{', '}')) is not null) continue;
            var parent = FillPath(op with { Template = collection });
            if (parent is null) return null;
            var value = await FirstAsync(parent, null, ct);
            if (value is null && i >= 2)
            {
                // /api/kitting/{request}/items/{item}: the items are listed inside the parent resource
                var owner = FillPath(op with { Template = string.Join('/', segments[..(i - 1)]) });
                if (owner is not null) value = await FirstAsync(owner, segments[i - 1], ct);
            }

            if (value is null) return null;
            _found[collection] = value;
        }

        return FillPath(op);
    }

    private async Task<string?> FirstAsync(string path, string? arrayProperty, CancellationToken ct)
    {
        var response = await http.GetAsync(path, ct);
        if (!response.IsSuccessStatusCode) return null;
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
        var list = arrayProperty is not null ? (root.TryGetProperty(arrayProperty, out var a) ? a : default)
            : root.ValueKind == JsonValueKind.Array ? root : root.TryGetProperty("items", out var items) ? items : default;
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0) return null;
        var first = list[0];
        foreach (var property in new[] { "key", "tag", "id" })
            if (first.TryGetProperty(property, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                return value.ToString();
        return null;
    }

    private static string MadeUpPath(Operation op) =>
        string.Join('/', op.Template.Split('/').Select(s => s.StartsWith('{') ? Guid.NewGuid().ToString() : s));
}
