namespace Platform.Ticketing.Features.Categories;

public sealed record CategoryRequest(string? Key, string? Name, Impact? DefaultImpact, Urgency? DefaultUrgency, string? DefaultQueue,
    string? TemplateTitle, string? TemplateDescription);

public sealed record CategoryResponse(Guid Id, string Key, string Name, Impact? DefaultImpact, Urgency? DefaultUrgency, string? DefaultQueue,
    string? TemplateTitle, string? TemplateDescription)
{
    public static CategoryResponse From(TicketCategory c) =>
        new(c.Id, c.Key, c.Name, c.DefaultImpact, c.DefaultUrgency, c.DefaultQueue, c.TemplateTitle, c.TemplateDescription);
}

/// <summary>Ticket categories with their templates: everyone may read them (to raise a ticket), agents manage them.</summary>
public static class CategoryEndpoints
{
    public static void MapCategoryEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/ticket-categories").WithTags("Categories").RequireAuthorization(Policies.Tickets);
        g.MapGet("/", List).WithName("ListTicketCategories");
        g.MapGet("/{key}", Get).WithName("GetTicketCategory");
        g.MapPost("/", Create).WithName("CreateTicketCategory").RequireAuthorization(Policies.TicketsWork);
        g.MapPut("/{key}", Update).WithName("UpdateTicketCategory").RequireAuthorization(Policies.TicketsWork);
        g.MapDelete("/{key}", Delete).WithName("DeleteTicketCategory").RequireAuthorization(Policies.TicketsWork);
    }

    private static Task<Ok<IReadOnlyList<CategoryResponse>>> List(TicketingDbContext db, CancellationToken ct) =>
        Answers.AllAsync(db.Categories.AsNoTracking().OrderBy(c => c.Key), CategoryResponse.From, ct);

    private static Task<Results<Ok<CategoryResponse>, ProblemHttpResult>> Get(string key, TicketingDbContext db, CancellationToken ct) =>
        Answers.OneAsync(db.Categories.AsNoTracking(), c => c.Key == key, CategoryResponse.From, "Category", key, ct);

    private static async Task<Validator> ValidateAsync(CategoryRequest r, TicketingDbContext db, bool withKey, CancellationToken ct)
    {
        var v = new Validator().Required("name", r.Name, Lengths.Title)
            .Check(r.DefaultImpact is null || Enum.IsDefined(r.DefaultImpact.Value), "defaultImpact", "Unknown impact.")
            .Check(r.DefaultUrgency is null || Enum.IsDefined(r.DefaultUrgency.Value), "defaultUrgency", "Unknown urgency.")
            .Optional("templateTitle", r.TemplateTitle, Lengths.Title).Optional("templateDescription", r.TemplateDescription, Lengths.Text);
        if (withKey) v.Check(TicketQueue.IsValidKey(r.Key), "key", "'key' is required: lower-case kebab-case, for example password-reset.");
        if (!string.IsNullOrWhiteSpace(r.DefaultQueue) && !await db.Queues.AnyAsync(q => q.Key == r.DefaultQueue, ct))
            v.Check(false, "defaultQueue", $"Queue '{r.DefaultQueue}' does not exist.");
        return v;
    }

    private static void Fill(TicketCategory c, CategoryRequest r)
    {
        c.Name = r.Name!.Trim();
        c.DefaultImpact = r.DefaultImpact;
        c.DefaultUrgency = r.DefaultUrgency;
        c.DefaultQueue = string.IsNullOrWhiteSpace(r.DefaultQueue) ? null : r.DefaultQueue;
        c.TemplateTitle = string.IsNullOrWhiteSpace(r.TemplateTitle) ? null : r.TemplateTitle.Trim();
        c.TemplateDescription = string.IsNullOrWhiteSpace(r.TemplateDescription) ? null : r.TemplateDescription.Trim();
    }

    private static async Task<Results<Created<CategoryResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CategoryRequest request, TicketingDbContext db, CancellationToken ct)
    {
        var v = await ValidateAsync(request, db, withKey: true, ct);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        if (await db.Categories.AnyAsync(c => c.Key == request.Key, ct)) return Problems.Conflict("duplicate-key", $"Category '{request.Key}' exists.");
        var category = new TicketCategory { Key = request.Key!, Name = "" };
        Fill(category, request);
        return await db.CreatedAsync(category, c => $"/api/ticket-categories/{Uri.EscapeDataString(c.Key)}", CategoryResponse.From, ct);
    }

    private static async Task<Results<Ok<CategoryResponse>, ValidationProblem, ProblemHttpResult>> Update(
        string key, CategoryRequest request, TicketingDbContext db, CancellationToken ct)
    {
        var v = (await ValidateAsync(request, db, withKey: false, ct)).Check(request.Key is null || request.Key == key, "key", "'key' cannot be changed.");
        return await db.ChangeAsync(v, () => db.Categories.FirstOrDefaultAsync(c => c.Key == key, ct), ("Category", key),
            category => Fill(category, request), CategoryResponse.From, ct);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string key, TicketingDbContext db, CancellationToken ct)
    {
        if (await db.Categories.Where(c => c.Key == key).ExecuteDeleteAsync(ct) == 0) return Problems.NotFound("Category", key);
        await Platform.Data.Reference.ReferenceNotice.SendAsync<ReferenceSnapshot>(db, ct); // a bulk delete passes no interceptor: the notice is sent here
        return TypedResults.NoContent();
    }
}
