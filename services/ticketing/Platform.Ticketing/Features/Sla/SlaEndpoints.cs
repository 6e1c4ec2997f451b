using System.Globalization;

namespace Platform.Ticketing.Features.Sla;

/// <summary>"08:00"–"18:00" on a weekday; "24:00" ends a period at midnight.</summary>
public sealed record WorkingPeriodDto(DayOfWeek? Day, string? Start, string? End);

public sealed record CalendarRequest(string? Name, string? TimeZone, IReadOnlyList<WorkingPeriodDto>? WorkingPeriods, IReadOnlyList<DateOnly>? Holidays);

public sealed record CalendarResponse(Guid Id, string Name, string TimeZone, IReadOnlyList<WorkingPeriodDto> WorkingPeriods, IReadOnlyList<DateOnly> Holidays)
{
    public static CalendarResponse From(SlaCalendar c) => new(c.Id, c.Name, c.TimeZone,
        c.WorkingPeriods.OrderBy(p => p.Day == DayOfWeek.Sunday ? 7 : (int)p.Day).ThenBy(p => p.Start)
            .Select(p => new WorkingPeriodDto(p.Day, SlaEndpoints.FormatTime(p.Start), SlaEndpoints.FormatTime(p.End))).ToList(),
        c.Holidays.Order().ToList());
}

public sealed record DueResponse(Guid CalendarId, DateTimeOffset Start, int Minutes, DateTimeOffset DueAt);

public sealed record SlaPolicyRequest(
    string? Name, Priority? Priority, string? Category, Guid? CalendarId, int? FirstResponseMinutes, int? ResolutionMinutes,
    int? WarningPercent, string? EscalateToQueue, bool RaisePriorityOnBreach, string? NotifyOnBreach);

public sealed record SlaPolicyResponse(
    Guid Id, string Name, Priority Priority, string? Category, Guid CalendarId, int FirstResponseMinutes, int ResolutionMinutes,
    int WarningPercent, string? EscalateToQueue, bool RaisePriorityOnBreach, string? NotifyOnBreach)
{
    public static SlaPolicyResponse From(SlaPolicy p) => new(p.Id, p.Name, p.Priority, p.Category, p.CalendarId,
        p.FirstResponseMinutes, p.ResolutionMinutes, p.WarningPercent, p.EscalateToQueue, p.RaisePriorityOnBreach, p.NotifyOnBreach);
}

/// <summary>Business calendars and SLA policies: help desk configuration, for agents and admins.</summary>
public static class SlaEndpoints
{
    public static void MapSlaEndpoints(this IEndpointRouteBuilder app)
    {
        var calendars = app.MapGroup("/api/calendars").WithTags("SLA")
            .RequireAuthorization(Policies.Tickets).RequireAuthorization(Policies.TicketsWork);
        calendars.MapGet("/", ListCalendars).WithName("ListCalendars");
        calendars.MapGet("/{id:guid}", GetCalendar).WithName("GetCalendar");
        calendars.MapPost("/", CreateCalendar).WithName("CreateCalendar");
        calendars.MapPut("/{id:guid}", UpdateCalendar).WithName("UpdateCalendar");
        calendars.MapDelete("/{id:guid}", DeleteCalendar).WithName("DeleteCalendar");
        calendars.MapGet("/{id:guid}/due", Due).WithName("CalendarDueTime");

        var policies = app.MapGroup("/api/sla-policies").WithTags("SLA")
            .RequireAuthorization(Policies.Tickets).RequireAuthorization(Policies.TicketsWork);
        policies.MapGet("/", ListPolicies).WithName("ListSlaPolicies");
        policies.MapGet("/{id:guid}", GetPolicy).WithName("GetSlaPolicy");
        policies.MapPost("/", CreatePolicy).WithName("CreateSlaPolicy");
        policies.MapPut("/{id:guid}", UpdatePolicy).WithName("UpdateSlaPolicy");
        policies.MapDelete("/{id:guid}", DeletePolicy).WithName("DeleteSlaPolicy");
    }

    internal static string FormatTime(TimeSpan t) => $"{(int)t.TotalHours:00}:{t.Minutes:00}";

    private static bool TryParseTime(string? text, out TimeSpan time)
    {
        time = default;
        var parts = text?.Split(':');
        if (parts is not { Length: 2 } || parts[0].Length != 2 || parts[1].Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || h > 24 || m > 59 || (h == 24 && m != 0)) return false;
        time = new TimeSpan(h, m, 0);
        return true;
    }

    private static List<WorkingPeriod>? ValidateCalendar(CalendarRequest r, Validator v)
    {
        v.Required("name", r.Name, Lengths.Key)
            .Check(SlaCalendar.IsKnownTimeZone(r.TimeZone), "timeZone", "'timeZone' must be an IANA time zone id, for example Europe/Paris.")
            .Check(r.WorkingPeriods is { Count: > 0 }, "workingPeriods", "'workingPeriods' needs at least one period.");
        if (r.WorkingPeriods is null) return null;
        var periods = new List<WorkingPeriod>();
        for (var i = 0; i < r.WorkingPeriods.Count; i++)
        {
            var p = r.WorkingPeriods[i];
            var okStart = TryParseTime(p?.Start, out var start);
            var okEnd = TryParseTime(p?.End, out var end);
            v.Check(p?.Day is { } d && Enum.IsDefined(d), $"workingPeriods[{i}].day", "'day' is required (Monday…Sunday).")
                .Check(okStart, $"workingPeriods[{i}].start", "'start' must be HH:mm (00:00–23:59).")
                .Check(okEnd, $"workingPeriods[{i}].end", "'end' must be HH:mm (00:01–24:00).");
            if (p?.Day is { } day && okStart && okEnd) periods.Add(new WorkingPeriod(day, start, end));
        }

        if (v.IsValid)
            foreach (var problem in BusinessCalendar.Problems(periods)) v.Check(false, "workingPeriods", problem);
        return periods;
    }

    private static Task<Ok<IReadOnlyList<CalendarResponse>>> ListCalendars(TicketingDbContext db, CancellationToken ct) =>
        Answers.AllAsync(db.Calendars.AsNoTracking().OrderBy(c => c.Name), CalendarResponse.From, ct);

    private static Task<Results<Ok<CalendarResponse>, ProblemHttpResult>> GetCalendar(Guid id, TicketingDbContext db, CancellationToken ct) =>
        Answers.OneAsync(db.Calendars.AsNoTracking(), c => c.Id == id, CalendarResponse.From, "Calendar", id, ct);

    private static async Task<Results<Created<CalendarResponse>, ValidationProblem, ProblemHttpResult>> CreateCalendar(
        CalendarRequest request, TicketingDbContext db, CancellationToken ct)
    {
        var v = new Validator();
        var periods = ValidateCalendar(request, v);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var name = request.Name!.Trim();
        if (await db.Calendars.AnyAsync(c => c.Name == name, ct)) return Problems.Conflict("duplicate-name", $"A calendar named '{name}' exists.");
        var calendar = new SlaCalendar { Name = name, TimeZone = request.TimeZone!, WorkingPeriods = periods!, Holidays = [.. request.Holidays?.Distinct() ?? []] };
        return await db.CreatedAsync(calendar, c => $"/api/calendars/{c.Id}", CalendarResponse.From, ct);
    }

    private static async Task<Results<Ok<CalendarResponse>, ValidationProblem, ProblemHttpResult>> UpdateCalendar(
        Guid id, CalendarRequest request, TicketingDbContext db, CancellationToken ct)
    {
        var v = new Validator();
        var periods = ValidateCalendar(request, v);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var calendar = await db.Calendars.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (calendar is null) return Problems.NotFound("Calendar", id);
        var name = request.Name!.Trim();
        if (await db.Calendars.AnyAsync(c => c.Name == name && c.Id != id, ct)) return Problems.Conflict("duplicate-name", $"A calendar named '{name}' exists.");
        calendar.Name = name;
        calendar.TimeZone = request.TimeZone!;
        calendar.WorkingPeriods = periods!;
        calendar.Holidays = [.. request.Holidays?.Distinct() ?? []];
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CalendarResponse.From(calendar));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteCalendar(Guid id, TicketingDbContext db, CancellationToken ct)
    {
        var calendar = await db.Calendars.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (calendar is null) return Problems.NotFound("Calendar", id);
        if (await db.SlaPolicies.AnyAsync(p => p.CalendarId == id, ct) || await db.Tickets.AnyAsync(t => t.SlaCalendarId == id, ct))
            return Problems.Conflict("calendar-in-use", $"Calendar '{calendar.Name}' is used by SLA policies or tickets.");
        db.Calendars.Remove(calendar);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>When <paramref name="minutes"/> of business time from <paramref name="start"/> (default now) are over.</summary>
    private static async Task<Results<Ok<DueResponse>, ValidationProblem, ProblemHttpResult>> Due(
        Guid id, TicketingDbContext db, TimeProvider clock, CancellationToken ct, int? minutes = null, DateTimeOffset? start = null)
    {
        var v = new Validator().Check(minutes is >= 0 and <= 525_600, "minutes", "'minutes' is required, 0 to 525600 (one year).")
            .InDateRange("start", start);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var calendar = await db.Calendars.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (calendar is null) return Problems.NotFound("Calendar", id);
        var from = start ?? clock.GetUtcNow();
        try
        {
            return TypedResults.Ok(new DueResponse(id, from, minutes!.Value, calendar.ToBusinessCalendar().Add(from, TimeSpan.FromMinutes(minutes.Value))));
        }
        catch (InvalidOperationException ex)
        {
            return Problems.Unprocessable("no-working-time", ex.Message);
        }
    }

    private static async Task<Ok<IReadOnlyList<SlaPolicyResponse>>> ListPolicies(TicketingDbContext db, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<SlaPolicyResponse>>((await db.SlaPolicies.AsNoTracking().ToListAsync(ct))
            .OrderBy(p => p.Priority).ThenBy(p => p.Category).Select(SlaPolicyResponse.From).ToList());

    private static Task<Results<Ok<SlaPolicyResponse>, ProblemHttpResult>> GetPolicy(Guid id, TicketingDbContext db, CancellationToken ct) =>
        Answers.OneAsync(db.SlaPolicies.AsNoTracking(), p => p.Id == id, SlaPolicyResponse.From, "SLA policy", id, ct);

    private static async Task<Validator> ValidatePolicyAsync(SlaPolicyRequest r, TicketingDbContext db, Guid? id, CancellationToken ct)
    {
        var v = new Validator()
            .Required("name", r.Name, Lengths.Key)
            .RequiredEnum("priority", r.Priority)
            .Optional("category", r.Category, Lengths.Key)
            .Check(r.CalendarId is not null, "calendarId", "'calendarId' is required.")
            .Check(r.FirstResponseMinutes is >= 1 and <= 525_600, "firstResponseMinutes", "'firstResponseMinutes' must be 1 to 525600.")
            .Check(r.ResolutionMinutes is >= 1 and <= 525_600, "resolutionMinutes", "'resolutionMinutes' must be 1 to 525600.")
            .Check(r.ResolutionMinutes is null || r.FirstResponseMinutes is null || r.ResolutionMinutes >= r.FirstResponseMinutes,
                "resolutionMinutes", "'resolutionMinutes' cannot be shorter than 'firstResponseMinutes'.")
            .Check(r.WarningPercent is null or >= 1 and <= 99, "warningPercent", "'warningPercent' must be 1 to 99.")
            .Optional("escalateToQueue", r.EscalateToQueue, Lengths.Key)
            .Optional("notifyOnBreach", r.NotifyOnBreach, Lengths.Person);
        if (r.CalendarId is { } calendarId && !await db.Calendars.AnyAsync(c => c.Id == calendarId, ct))
            v.Check(false, "calendarId", $"Calendar '{calendarId}' does not exist.");
        if (v.IsValid)
        {
            var category = RequestText.Blank(r.Category);
            if (await db.SlaPolicies.AnyAsync(p => p.Priority == r.Priority && p.Category == category && p.Id != id, ct))
                v.Check(false, "category", $"A policy for {r.Priority}{(category is null ? "" : $" and category '{category}'")} exists.");
        }

        return v;
    }

    private static void Fill(SlaPolicy p, SlaPolicyRequest r)
    {
        p.Name = r.Name!.Trim();
        p.Priority = r.Priority!.Value;
        p.Category = RequestText.Blank(r.Category);
        p.CalendarId = r.CalendarId!.Value;
        p.FirstResponseMinutes = r.FirstResponseMinutes!.Value;
        p.ResolutionMinutes = r.ResolutionMinutes!.Value;
        p.WarningPercent = r.WarningPercent ?? 80;
        p.EscalateToQueue = RequestText.Blank(r.EscalateToQueue);
        p.RaisePriorityOnBreach = r.RaisePriorityOnBreach;
        p.NotifyOnBreach = RequestText.Blank(r.NotifyOnBreach);
    }

    private static async Task<Results<Created<SlaPolicyResponse>, ValidationProblem, ProblemHttpResult>> CreatePolicy(
        SlaPolicyRequest request, TicketingDbContext db, CancellationToken ct)
    {
        var v = await ValidatePolicyAsync(request, db, null, ct);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        if (await db.CheckPeopleAsync(ct, ("notifyOnBreach", RequestText.Blank(request.NotifyOnBreach))) is { } unknown) return unknown;
        var policy = new SlaPolicy { Name = "" };
        Fill(policy, request);
        return await db.CreatedAsync(policy, p => $"/api/sla-policies/{p.Id}", SlaPolicyResponse.From, ct);
    }

    private static async Task<Results<Ok<SlaPolicyResponse>, ValidationProblem, ProblemHttpResult>> UpdatePolicy(
        Guid id, SlaPolicyRequest request, TicketingDbContext db, CancellationToken ct)
    {
        var policy = await db.SlaPolicies.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (policy is null) return Problems.NotFound("SLA policy", id);
        var v = await ValidatePolicyAsync(request, db, id, ct);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        if (await db.CheckPeopleAsync(ct, ("notifyOnBreach", RequestText.Blank(request.NotifyOnBreach))) is { } unknown) return unknown;
        Fill(policy, request);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(SlaPolicyResponse.From(policy));
    }

    private static Task<Results<NoContent, ProblemHttpResult>> DeletePolicy(Guid id, TicketingDbContext db, CancellationToken ct) =>
        db.DeleteAsync<SlaPolicy>(p => p.Id == id, "SLA policy", id, ct);
}
