namespace Platform.Assets.Features.Licences;

public sealed record CreateLicenceRequest(string? Product, string? Vendor, int? Seats, DateOnly? ExpiresOn, decimal? Cost);

public sealed record UpdateLicenceRequest(string? Product, string? Vendor, int? Seats, DateOnly? ExpiresOn, decimal? Cost);

public sealed record AssignSeatRequest(string? UserId, string? AssetTag, bool AllowOveruse = false);

public sealed record SeatResponse(Guid Id, string? UserId, string? AssetTag, DateTimeOffset AssignedAt, string AssignedBy, DateTimeOffset? ReleasedAt, string? ReleasedBy)
{
    public static SeatResponse From(LicenceSeat s) => new(s.Id, s.UserId, s.AssetTag, s.AssignedAt, s.AssignedBy, s.ReleasedAt, s.ReleasedBy);
}

public sealed record LicenceResponse(
    Guid Id, string Key, string Product, string? Vendor, int Seats, int SeatsAssigned, int SeatsFree, int Overuse, bool Overused,
    DateOnly? ExpiresOn, int? DaysLeft, decimal? Cost, IReadOnlyList<SeatResponse> Assignments, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static LicenceResponse From(Licence l, DateOnly today, bool withHistory = true)
    {
        var count = l.Count;
        var seats = (withHistory ? l.Assignments : l.ActiveSeats).OrderBy(s => s.AssignedAt).Select(SeatResponse.From).ToList();
        return new(l.Id, l.Key, l.Product, l.Vendor, l.Seats, count.Assigned, count.Free, count.Overuse, count.IsOverused, l.ExpiresOn,
            SeatCount.DaysLeft(l.ExpiresOn, today), l.Cost, seats, l.CreatedAt, l.UpdatedAt);
    }
}
