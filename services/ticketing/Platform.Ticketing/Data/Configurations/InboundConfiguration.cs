using Platform.Ticketing.Features.Hooks;
using Platform.Ticketing.Jobs;

namespace Platform.Ticketing.Data.Configurations;

/// <summary>Which ticket each monitoring alert became (see Features/Hooks).</summary>
public sealed class InboundAlertConfiguration : IEntityTypeConfiguration<InboundAlert>
{
    public void Configure(EntityTypeBuilder<InboundAlert> b)
    {
        b.ToTable("inbound_alerts");
        b.HasKey(a => new { a.Source, a.AlertId });
        b.Property(a => a.Source).HasMaxLength(Lengths.Key);
        b.Property(a => a.AlertId).HasMaxLength(Lengths.Title);
        b.Property(a => a.LastStatus).HasMaxLength(Lengths.EnumName);
        b.HasIndex(a => a.TicketId);
    }
}

/// <summary>Hook signatures remembered while they could be replayed (see Features/Hooks).</summary>
public sealed class InboundHookSignatureConfiguration : IEntityTypeConfiguration<InboundHookSignature>
{
    public void Configure(EntityTypeBuilder<InboundHookSignature> b)
    {
        b.ToTable("inbound_hook_signatures");
        b.HasKey(s => new { s.Source, s.Signature });
        b.Property(s => s.Source).HasMaxLength(Lengths.Key);
        b.Property(s => s.Signature).HasMaxLength(100);
        b.HasIndex(s => s.SignedAt);
    }
}

/// <summary>The mails the mail drop has taken in, by Message-ID (see Jobs/MailDrop.cs).</summary>
public sealed class InboundMailConfiguration : IEntityTypeConfiguration<InboundMail>
{
    public void Configure(EntityTypeBuilder<InboundMail> b)
    {
        b.ToTable("inbound_mails");
        b.HasKey(m => m.MessageId);
        b.Property(m => m.MessageId).HasMaxLength(300);
        b.Property(m => m.Sender).HasMaxLength(320);
        b.Property(m => m.Outcome).HasMaxLength(Lengths.EnumName);
        b.HasIndex(m => m.TicketId);
    }
}
