namespace Platform.Projects.Features;

/// <summary>One budget cell to set: a month ("2026-04"), a category, an amount in the project's currency.</summary>
public sealed record BudgetLineRequest(string? Period, CostCategory? Category, decimal? Amount);

/// <summary>Replaces the project's whole budget by period and category (an empty list clears it).</summary>
public sealed record SetBudgetRequest(IReadOnlyList<BudgetLineRequest>? Lines);

/// <summary>An actual cost; <c>currency</c> may be left out and must otherwise be the project's.</summary>
public sealed record RecordCostRequest(DateOnly? Date, CostCategory? Category, decimal? Amount, string? Currency, string? Description);

/// <summary>What an hour of a role costs in a currency.</summary>
public sealed record SetLabourRateRequest(string? Currency, decimal? HourlyRate);

public sealed record BudgetLineView(string Period, CostCategory Category, decimal Amount)
{
    public static BudgetLineView From(BudgetLine l) => new(Money.Period(l.Period), l.Category, l.Amount);
}

public sealed record CostEntryResponse(
    Guid Id, Guid ProjectId, DateOnly Date, CostCategory Category, decimal Amount, string Currency, string Description, CostSource Source,
    string? SourceKey, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static CostEntryResponse From(CostEntry c) =>
        new(c.Id, c.ProjectId, c.Date, c.Category, c.Amount, c.Currency, c.Description, c.Source, c.SourceKey, c.RecordedBy, c.RecordedAt);
}

public sealed record CommitmentView(Guid RequestId, string RequestKey, string Title, string Vendor, decimal Total, decimal Received,
    decimal Outstanding, string Currency, CommitmentStatus Status)
{
    public static CommitmentView From(Commitment c) => new(c.RequestId, c.RequestKey, c.Title, c.Vendor, c.Total, c.Received, c.Outstanding, c.Currency, c.Status);
}

public sealed record LabourRateView(string Role, string Currency, decimal HourlyRate, string UpdatedBy, DateTimeOffset UpdatedAt)
{
    public static LabourRateView From(LabourRate r) => new(r.Role, r.Currency, r.HourlyRate, r.UpdatedBy, r.UpdatedAt);
}

/// <summary>
/// A project's money on a date (<c>asOf</c>): budget at completion, planned value, earned value, actual cost and the
/// indices and forecasts from them (see <see cref="EarnedValue"/>), by category, with commitments and the weekly curves.
/// </summary>
public sealed record CostResponse(
    Guid ProjectId, string ProjectKey, string Currency, DateOnly AsOf, decimal Bac, decimal Pv, decimal Ev, decimal Ac, decimal Cv, decimal Sv,
    decimal? Cpi, decimal? Spi, decimal Eac, decimal Etc, decimal Vac, decimal? Tcpi, decimal Committed, decimal LabourActual,
    decimal UncostedLabourHours, IReadOnlyList<BudgetLineView> Budget, IReadOnlyList<CategoryFigures> ByCategory,
    IReadOnlyList<CommitmentView> Commitments, IReadOnlyList<CurrencyTotal> OtherCurrencies, IReadOnlyList<EvWeek> Weeks)
{
    public static CostResponse From(ProjectCost c)
    {
        var f = c.Figures;
        return new(c.Project.Id, c.Project.Key, c.Project.Currency, c.AsOf, f.Bac, f.Pv, f.Ev, f.Ac, f.Cv, f.Sv, f.Cpi, f.Spi, f.Eac, f.Etc, f.Vac,
            f.Tcpi, c.Committed, f.LabourActual, f.UncostedLabourHours, c.Budget.Select(BudgetLineView.From).ToList(), c.ByCategory,
            c.Commitments.Select(CommitmentView.From).ToList(), c.OtherCurrencies, f.Weeks);
    }
}

/// <summary>One project's line of the portfolio's cost roll-up.</summary>
public sealed record PortfolioCostLine(
    Guid ProjectId, string ProjectKey, string Name, string Currency, decimal Bac, decimal Pv, decimal Ev, decimal Ac, decimal? Cpi, decimal? Spi,
    decimal Eac, decimal Vac, decimal Committed);

/// <summary>The sums of one currency's projects (amounts in different currencies are never added together).</summary>
public sealed record PortfolioCostTotal(string Currency, int Projects, decimal Bac, decimal Pv, decimal Ev, decimal Ac, decimal? Cpi, decimal? Spi,
    decimal Eac, decimal Vac, decimal Committed);

public sealed record PortfolioCostResponse(DateOnly AsOf, IReadOnlyList<PortfolioCostLine> Projects, IReadOnlyList<PortfolioCostTotal> Totals);
