using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Platform.Ticketing.Jobs;

namespace Platform.Ticketing.Data.Configurations;

public sealed class SlaCalendarConfiguration : IEntityTypeConfiguration<SlaCalendar>
{
    // Public, not private: the compiled model (Data/CompiledModel) names it in the converter it generates.
    public static readonly JsonSerializerOptions PeriodJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public void Configure(EntityTypeBuilder<SlaCalendar> builder)
    {
        builder.HasAssignedKey("calendars", c => c.Id).HasRowVersion();
        builder.HasMaxLength(Lengths.Key, c => c.Name, c => c.TimeZone);
        builder.HasIndex(c => c.Name).IsUnique();
        // The working week as one jsonb value: [{"day":"Monday","start":"08:00:00","end":"18:00:00"}, …].
        builder.Property(c => c.WorkingPeriods).HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, PeriodJson),
            s => JsonSerializer.Deserialize<List<WorkingPeriod>>(s, PeriodJson) ?? new List<WorkingPeriod>(),
            new ValueComparer<List<WorkingPeriod>>(
                (x, y) => x!.SequenceEqual(y!), v => v.Aggregate(0, (h, p) => HashCode.Combine(h, p)), v => v.ToList()));
    }
}

public sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> builder)
    {
        builder.HasAssignedKey("sla_policies", p => p.Id).HasRowVersion();
        builder.HasMaxLength(Lengths.Key, p => p.Name, p => p.Category, p => p.EscalateToQueue);
        builder.HasMaxLength(Lengths.Person, p => p.NotifyOnBreach);
        builder.Property(p => p.Priority).StoredAsName(Lengths.Priority);
        // One general policy per priority (category null) and one per priority and category.
        builder.HasIndex(p => new { p.Priority, p.Category }).IsUnique().AreNullsDistinct(false);
        builder.HasOne<SlaCalendar>().WithMany().HasForeignKey(p => p.CalendarId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The warnings and breaches the breach checker has announced, once per ticket and kind.</summary>
public sealed class SlaNoticeConfiguration : IEntityTypeConfiguration<SlaNotice>
{
    public void Configure(EntityTypeBuilder<SlaNotice> builder)
    {
        builder.ToTable("sla_notices");
        builder.HasKey(n => new { n.TicketId, n.Kind });
        builder.Property(n => n.Kind).StoredAsName(30);
    }
}
