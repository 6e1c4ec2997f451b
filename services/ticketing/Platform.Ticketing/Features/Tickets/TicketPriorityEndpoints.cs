namespace Platform.Ticketing.Features.Tickets;

/// <summary>Agents re-assess a ticket's impact and urgency; the priority follows the matrix.</summary>
public static class TicketPriorityEndpoints
{
    /// <param name="tickets">The /api/tickets group (TicketingService.cs).</param>
    public static void MapTicketPriorityEndpoints(this RouteGroupBuilder tickets) =>
        tickets.MapGroup("").WithTags("Tickets")
            .MapPost("/{ticket}/priority", ChangePriority).WithName("ChangeTicketPriority").RequireAuthorization(Policies.TicketsWork);

    private static async Task<Results<Ok<TicketResponse>, ValidationProblem, ProblemHttpResult>> ChangePriority(
        string ticket, ChangePriorityRequest request, TicketingDbContext db, TimeProvider clock, HttpContext http, PriorityMatrix matrix,
        CancellationToken ct)
    {
        var v = new Validator().RequiredEnum("impact", request.Impact).RequiredEnum("urgency", request.Urgency);
        if (!v.IsValid) return Problems.Validation(v.Errors);
        var caller = Caller.Of(http);
        var found = await db.FindTicketAsync(ticket, caller, withComments: false, ct);
        if (found is null) return Problems.NotFound("Ticket", ticket);
        found.ChangePriority(request.Impact!.Value, request.Urgency!.Value, matrix, caller.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await db.RespondAsync(found, clock, ct));
    }
}
