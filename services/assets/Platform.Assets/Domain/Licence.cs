namespace Platform.Assets.Domain;

/// <summary>Seat arithmetic of a licence: pure, so it is unit-tested on its own.</summary>
public readonly record struct SeatCount(int Owned, int Assigned)
{
    public int Free => Math.Max(0, Owned - Assigned);
    public int Overuse => Math.Max(0, Assigned - Owned);
    public bool IsOverused => Assigned > Owned;

    /// <summary>Whether one more seat can be given without going over what is owned.</summary>
    public bool HasFreeSeat => Assigned < Owned;

    /// <summary>Days from today until expiry (negative: expired), or null for a perpetual licence.</summary>
    public static int? DaysLeft(DateOnly? expiresOn, DateOnly today) => expiresOn is { } d ? d.DayNumber - today.DayNumber : null;

    /// <summary>Whether an expiry falls within the warning window (expired ones included).</summary>
    public static bool ExpiresWithin(DateOnly? expiresOn, DateOnly today, int days) =>
        expiresOn is { } d && d.DayNumber - today.DayNumber <= days;
}

/// <summary>A software licence (LIC-4): a product, how many seats are owned, who or what holds them, when it expires.</summary>
public sealed class Licence : NumberedAggregate
{
    public const string KeyPrefix = "LIC-";

    private readonly List<LicenceSeat> _seats = [];

    private Licence() { }

    public string Key => KeyPrefix + Number;
    public string Product { get; private set; } = "";
    public string? Vendor { get; private set; }
    public int Seats { get; private set; }
    public DateOnly? ExpiresOn { get; private set; }
    public decimal? Cost { get; private set; }

    /// <summary>True while an over-use has been announced and not yet resolved (so it is announced once per episode).</summary>
    public bool OveruseNotified { get; private set; }

    /// <summary>The expiry date already announced as near (a renewal to a new date re-arms the notice).</summary>
    public DateOnly? ExpiryNoticeFor { get; private set; }

    /// <summary>Every seat assignment, released ones included (the licence's history).</summary>
    public IReadOnlyList<LicenceSeat> Assignments => _seats;

    public IEnumerable<LicenceSeat> ActiveSeats => _seats.Where(s => s.ReleasedAt is null);

    public SeatCount Count => new(Seats, _seats.Count(s => s.ReleasedAt is null));

    public static Licence Create(long number, string product, string? vendor, int seats, DateOnly? expiresOn, decimal? cost, DateTimeOffset now)
    {
        if (seats < 0) throw new DomainException("negative-seats", "A licence cannot own fewer than zero seats.");
        return new Licence
        {
            Id = Guid.CreateVersion7(), Number = number, Product = product, Vendor = vendor, Seats = seats, ExpiresOn = expiresOn,
            Cost = cost, CreatedAt = now, UpdatedAt = now,
        };
    }

    /// <summary>Changes seats owned (a true-up or a reduction) and expiry (a renewal); null leaves a field as it is.</summary>
    public void Update(string? product, string? vendor, int? seats, DateOnly? expiresOn, decimal? cost, DateTimeOffset now)
    {
        if (seats is < 0) throw new DomainException("negative-seats", "A licence cannot own fewer than zero seats.");
        if (product is not null) Product = product;
        if (vendor is not null) Vendor = vendor.Length == 0 ? null : vendor;
        if (seats is not null) Seats = seats.Value;
        if (expiresOn is not null && expiresOn != ExpiresOn)
        {
            ExpiresOn = expiresOn;
            ExpiryNoticeFor = null;
        }

        if (cost is not null) Cost = cost;
        UpdatedAt = now;
        CheckOveruse(now);
    }

    /// <summary>
    /// Gives a seat to a person or an asset. Without a free seat this is refused (409 no-free-seat) unless
    /// <paramref name="allowOveruse"/>: then the seat is given and the over-use announced.
    /// </summary>
    public LicenceSeat Assign(string? userId, Guid? assetId, string? assetTag, string by, bool allowOveruse, DateTimeOffset now)
    {
        if ((userId is null) == (assetId is null))
            throw new DomainException("seat-holder", "A seat goes to a person or to an asset (exactly one).");
        if (ActiveSeats.Any(s => (userId is not null && s.UserId == userId) || (assetId is not null && s.AssetId == assetId)))
            throw new DomainException("already-assigned", $"{userId ?? assetTag} already holds a seat of {Key}.");
        if (ExpiresOn is { } expiry && expiry < DateOnly.FromDateTime(now.UtcDateTime))
            throw new DomainException("licence-expired", $"{Key} expired on {expiry:yyyy-MM-dd}; renew it first.");
        if (!Count.HasFreeSeat && !allowOveruse)
            throw new DomainException("no-free-seat", $"All {Seats} seats of {Key} are assigned; buy more or pass allowOveruse.");
        var seat = new LicenceSeat
        {
            Id = Guid.CreateVersion7(), LicenceId = Id, UserId = userId, AssetId = assetId, AssetTag = assetTag, AssignedAt = now, AssignedBy = by,
        };
        _seats.Add(seat);
        UpdatedAt = now;
        Raise(new LicenceSeatAssigned(Id, Key, Product, userId, assetTag, by, now));
        CheckOveruse(now);
        return seat;
    }

    public void Release(Guid seatId, string by, DateTimeOffset now)
    {
        var seat = ActiveSeats.FirstOrDefault(s => s.Id == seatId)
            ?? throw new DomainException("seat-not-assigned", $"No active seat {seatId} on {Key}.");
        seat.ReleasedAt = now;
        seat.ReleasedBy = by;
        UpdatedAt = now;
        CheckOveruse(now);
    }

    public LicenceSeat? SeatOf(string? userId, Guid? assetId) =>
        ActiveSeats.FirstOrDefault(s => (userId is not null && s.UserId == userId) || (assetId is not null && s.AssetId == assetId));

    /// <summary>Announces the start of an over-use once; clears the flag when the licence is back within its seats.</summary>
    private void CheckOveruse(DateTimeOffset now)
    {
        var count = Count;
        if (count.IsOverused && !OveruseNotified)
        {
            OveruseNotified = true;
            Raise(new LicenceOverused(Id, Key, Product, count.Owned, count.Assigned, now));
        }
        else if (!count.IsOverused)
        {
            OveruseNotified = false;
        }
    }

    /// <summary>Announces the coming expiry once per expiry date. Returns false when there is nothing to announce.</summary>
    public bool NoticeExpiring(DateOnly today, DateTimeOffset now)
    {
        if (ExpiresOn is not { } end || ExpiryNoticeFor == end) return false;
        ExpiryNoticeFor = end;
        Raise(new LicenceExpiring(Id, Key, Product, end, end.DayNumber - today.DayNumber, Count.Assigned, now));
        return true;
    }
}

/// <summary>One seat of a licence held by a person or by an asset; released seats stay as history.</summary>
public sealed class LicenceSeat
{
    public Guid Id { get; init; }
    public Guid LicenceId { get; init; }
    public string? UserId { get; init; }
    public Guid? AssetId { get; init; }
    public string? AssetTag { get; init; }
    public DateTimeOffset AssignedAt { get; init; }
    public required string AssignedBy { get; init; }
    public DateTimeOffset? ReleasedAt { get; set; }
    public string? ReleasedBy { get; set; }
}
