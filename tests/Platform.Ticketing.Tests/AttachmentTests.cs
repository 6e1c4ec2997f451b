using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Platform.Ticketing.Tests;

public class FileSignatureTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    [Fact]
    public void Content_must_match_the_declared_type()
    {
        FileSignature.Check("image/png", Png).ShouldBeNull();
        FileSignature.Check("image/png", "MZ\x90\0 not an image"u8).ShouldNotBeNull();
        FileSignature.Check("text/plain", "2026-11-24 ERROR disk full\n"u8).ShouldBeNull();
        FileSignature.Check("text/plain", [0x41, 0x00, 0x42]).ShouldNotBeNull();
        FileSignature.Check("text/plain", [0xC3, 0x28]).ShouldNotBeNull(); // invalid UTF-8
        FileSignature.Check("application/pdf", "%PDF-1.7"u8).ShouldBeNull();
        FileSignature.Check("application/pdf", []).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\alice\\screen.png", "screen.png")]
    [InlineData("bad\"name\r\n.txt", "badname.txt")]
    [InlineData("", "attachment")]
    [InlineData("..", "attachment")]
    public void File_names_lose_paths_and_control_characters(string given, string expected) =>
        FileSignature.CleanName(given).ShouldBe(expected);
}

public class AttachmentTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private static MultipartFormDataContent Form(byte[] data, string contentType, string fileName, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(data);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        return form;
    }

    private async Task<(HttpClient Alice, string Key)> AlicesTicketAsync()
    {
        var alice = fx.As($"alice-{Guid.NewGuid():N}", Roles.Requester);
        var created = await alice.PostJsonAsync("/api/tickets", new
        {
            title = "Screen flickers", description = "See the screenshot.", category = "hardware", impact = "Low", urgency = "Medium",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (alice, (await created.ReadJsonAsync()).Str("key"));
    }

    [Fact]
    public async Task A_requester_attaches_a_screenshot_and_downloads_it_back_intact()
    {
        var (alice, key) = await AlicesTicketAsync();
        using var _ = alice;
        var upload = await alice.PostAsync($"/api/tickets/{key}/attachments", Form(Png, "image/png", "../screen shot.png"));
        upload.StatusCode.ShouldBe(HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
        var meta = await upload.ReadJsonAsync();
        meta.Str("fileName").ShouldBe("screen shot.png");
        meta.GetProperty("size").GetInt64().ShouldBe(Png.Length);
        meta.Str("sha256").ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Png)));
        meta.Str("uploadedBy").ShouldStartWith("alice-");

        var download = await alice.GetAsync(meta.Str("href"));
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Png);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");

        var list = await (await fx.Http.GetAsync($"/api/tickets/{key}/attachments")).ReadJsonAsync();
        list.EnumerateArray().Select(a => a.Str("id")).ShouldContain(meta.Str("id"));
    }

    [Fact]
    public async Task Other_requesters_and_internal_files_stay_hidden()
    {
        var (alice, key) = await AlicesTicketAsync();
        using var _ = alice;
        var note = await fx.Http.PostJsonAsync($"/api/tickets/{key}/comments", new { body = "Driver dump attached", @internal = true });
        var noteId = (await note.ReadJsonAsync()).Str("id");
        var dump = await fx.Http.PostAsync($"/api/tickets/{key}/attachments",
            Form(Encoding.UTF8.GetBytes("gpu: reset at 09:14\n"), "text/plain", "dump.log", ("commentId", noteId)));
        dump.StatusCode.ShouldBe(HttpStatusCode.Created);
        var dumpMeta = await dump.ReadJsonAsync();
        dumpMeta.GetProperty("internal").GetBoolean().ShouldBeTrue();
        var shot = await (await alice.PostAsync($"/api/tickets/{key}/attachments", Form(Png, "image/png", "a.png"))).ReadJsonAsync();

        // The requester sees her screenshot, never the internal dump: not in the list, not by id (404).
        var seen = await (await alice.GetAsync($"/api/tickets/{key}/attachments")).ReadJsonAsync();
        seen.EnumerateArray().Select(a => a.Str("id")).ShouldBe([shot.Str("id")]);
        (await alice.GetAsync(dumpMeta.Str("href"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await alice.GetAsync($"/api/tickets/{key}/attachments/{dumpMeta.Str("id")}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Nor may she put a file on the internal note, or mark one internal.
        (await alice.PostAsync($"/api/tickets/{key}/attachments", Form(Png, "image/png", "b.png", ("commentId", noteId))))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await alice.PostAsync($"/api/tickets/{key}/attachments", Form(Png, "image/png", "b.png", ("internal", "true"))))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Another requester learns nothing about the ticket or its files.
        using var erin = fx.As($"erin-{Guid.NewGuid():N}", Roles.Requester);
        (await erin.GetAsync(shot.Str("href"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await erin.GetAsync($"/api/tickets/{key}/attachments")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await erin.PostAsync($"/api/tickets/{key}/attachments", Form(Png, "image/png", "x.png"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Agents delete a file; it is gone for everyone.
        (await fx.Http.DeleteAsync($"/api/tickets/{key}/attachments/{shot.Str("id")}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await alice.GetAsync(shot.Str("href"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await alice.DeleteAsync($"/api/tickets/{key}/attachments/{dumpMeta.Str("id")}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Wrong_types_oversized_files_and_malformed_uploads_are_refused_and_nothing_is_stored()
    {
        var (alice, key) = await AlicesTicketAsync();
        using var _ = alice;
        var exe = await alice.PostAsync($"/api/tickets/{key}/attachments", Form("MZ\u0090\0"u8.ToArray(), "application/x-msdownload", "setup.exe"));
        exe.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await exe.Content.ReadAsStringAsync()).ShouldContain("image/png");
        var disguised = await alice.PostAsync($"/api/tickets/{key}/attachments", Form("MZ\u0090\0"u8.ToArray(), "image/png", "cat.png"));
        disguised.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        var big = new byte[10 * 1024 * 1024 + 1];
        "GIF89a"u8.CopyTo(big);
        var tooBig = await alice.PostAsync($"/api/tickets/{key}/attachments", Form(big, "image/gif", "huge.gif"));
        tooBig.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        tooBig.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var json = await alice.PostJsonAsync($"/api/tickets/{key}/attachments", new { file = "x" });
        json.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        var noFile = new MultipartFormDataContent { { new StringContent("hello"), "note" } };
        (await alice.PostAsync($"/api/tickets/{key}/attachments", noFile)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var badComment = await alice.PostAsync($"/api/tickets/{key}/attachments", Form(Png, "image/png", "a.png", ("commentId", "nope")));
        badComment.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var list = await (await alice.GetAsync($"/api/tickets/{key}/attachments")).ReadJsonAsync();
        list.GetArrayLength().ShouldBe(0);
    }
}

public class MajorIncidentTests(TicketingFixture fx) : IClassFixture<TicketingFixture>
{
    [Fact]
    public async Task An_agent_declares_a_major_incident_above_P1_and_stands_it_down()
    {
        var created = await (await fx.Http.PostJsonAsync("/api/tickets", new
        {
            title = "Mail down for everyone", description = "No mail since 09:00", category = "mail", impact = "Medium", urgency = "Medium",
        })).ReadJsonAsync();
        var key = created.Str("key");
        created.Str("priority").ShouldBe("P3");

        var declared = await fx.Http.PostJsonAsync($"/api/tickets/{key}/major-incident", new { reason = "All 4,000 users without mail" });
        declared.StatusCode.ShouldBe(HttpStatusCode.OK, await declared.Content.ReadAsStringAsync());
        var body = await declared.ReadJsonAsync();
        body.Str("priority").ShouldBe("P1");
        body.GetProperty("majorIncident").Str("declaredBy").ShouldBe("bob");
        var evt = await fx.Bus.WaitForAsync<MajorIncidentDeclared>(e => e.TicketKey == key);
        evt.Declared.ShouldBeTrue();
        evt.Reason.ShouldBe("All 4,000 users without mail");

        var listed = await (await fx.Http.GetAsync("/api/tickets?majorIncident=true&limit=100")).ReadJsonAsync();
        listed.GetProperty("items").EnumerateArray().Select(t => t.Str("key")).ShouldContain(key);
        (await fx.Http.PostJsonAsync($"/api/tickets/{key}/major-incident", new { reason = "again" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await fx.Http.PostJsonAsync($"/api/tickets/{key}/major-incident", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using (var alice = fx.As("alice", Roles.Requester))
            (await alice.PostJsonAsync($"/api/tickets/{key}/major-incident", new { reason = "me too" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var down = await (await fx.Http.PostJsonAsync($"/api/tickets/{key}/major-incident/stand-down", new { reason = "Mail flows again" })).ReadJsonAsync();
        down.TryGetProperty("majorIncident", out var mi).ShouldBeTrue();
        mi.ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await fx.Bus.WaitForAsync<MajorIncidentDeclared>(e => e.TicketKey == key && !e.Declared)).Reason.ShouldBe("Mail flows again");
        var history = await (await fx.Http.GetAsync($"/api/tickets/{key}/history")).ReadJsonAsync();
        history.EnumerateArray().Count(h => h.Str("action") == "Modified" && h.GetProperty("changes").EnumerateObject().Any(p => p.Name.Equals("MajorIncident", StringComparison.OrdinalIgnoreCase))).ShouldBe(2);
    }

    [Fact]
    public async Task Assignments_and_replies_are_announced_for_notifications()
    {
        using var alice = fx.As($"alice-{Guid.NewGuid():N}", Roles.Requester);
        var key = (await (await alice.PostJsonAsync("/api/tickets", new
        {
            title = "Printer jam", description = "Tray 2", category = "hardware", impact = "Low", urgency = "Low", assetTag = "AST-00042",
        })).ReadJsonAsync()).Str("key");
        (await fx.Bus.WaitForAsync<TicketCreated>(e => e.TicketKey == key)).AssetTag.ShouldBe("AST-00042");
        await fx.Http.PostJsonAsync($"/api/tickets/{key}/assign", new { assignee = "bob" });
        var assigned = await fx.Bus.WaitForAsync<TicketAssigned>(e => e.TicketKey == key);
        assigned.Assignee.ShouldBe("bob");
        assigned.Requester.ShouldStartWith("alice-");
        await fx.Http.PostJsonAsync($"/api/tickets/{key}/comments", new { body = "On my way with a new roller." });
        var reply = await fx.Bus.WaitForAsync<TicketCommented>(e => e.TicketKey == key && e.Kind == "Public");
        reply.ByAgent.ShouldBeTrue();
        reply.Requester.ShouldStartWith("alice-");
        var status = await fx.Bus.WaitForAsync<TicketStatusChanged>(e => e.TicketKey == key && e.To == "Assigned");
        status.Assignee.ShouldBe("bob");
        status.AssetTag.ShouldBe("AST-00042");
        (await fx.Http.PutAsJsonAsync($"/api/tickets/{key}/asset", new { assetTag = "AST-00043" })).EnsureSuccessStatusCode();
        var relinked = await fx.Bus.WaitForAsync<TicketAssetLinked>(e => e.TicketKey == key);
        (relinked.PreviousAssetTag, relinked.AssetTag).ShouldBe(("AST-00042", "AST-00043"));
    }
}

public class PriorityMatrixConfigurationTests
{
    [Fact]
    public void Configured_cells_replace_the_ITIL_defaults_and_the_rest_stay()
    {
        var matrix = PriorityMatrix.From(new Dictionary<Impact, Dictionary<Urgency, Priority>>
        {
            [Impact.Low] = new() { [Urgency.High] = Priority.P2 },
        });
        matrix.For(Impact.Low, Urgency.High).ShouldBe(Priority.P2);
        matrix.For(Impact.High, Urgency.High).ShouldBe(Priority.P1);
        matrix.ToTable()[Impact.Medium][Urgency.Low].ShouldBe(Priority.P4);
        Should.Throw<ArgumentOutOfRangeException>(() => PriorityMatrix.From(new Dictionary<Impact, Dictionary<Urgency, Priority>>
        {
            [Impact.Low] = new() { [Urgency.High] = (Priority)7 },
        }));
    }
}

/// <summary>The service takes its matrix from configuration: a low-impact, high-urgency ticket becomes P2 here.</summary>
public sealed class CustomMatrixFixture : ServiceFixture<Program, Data.TicketingDbContext>
{
    public CustomMatrixFixture() : base("Ticketing", ("bob", "agent")) { }

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [TicketingFixture.LearnPeopleFromTokens, new("Tickets:PriorityMatrix:Low:High", "P2")];
}

public class CustomPriorityMatrixTests(CustomMatrixFixture fx) : IClassFixture<CustomMatrixFixture>
{
    [Fact]
    public async Task Tickets_follow_the_configured_matrix()
    {
        var matrix = await (await fx.Http.GetAsync("/api/tickets/priority-matrix")).ReadJsonAsync();
        matrix.GetProperty("Low").Str("High").ShouldBe("P2");
        var created = await (await fx.Http.PostJsonAsync("/api/tickets", new
        {
            title = "Kiosk offline", description = "Lobby kiosk", category = "hardware", impact = "Low", urgency = "High",
        })).ReadJsonAsync();
        created.Str("priority").ShouldBe("P2");
    }
}
