using Platform.Ticketing.Features.Hooks;
using Platform.Ticketing.Jobs;

namespace Platform.Ticketing.Data.Configurations;

/// <summary>Which ticket each monitoring alert became (see Features/Hooks).</summary>
public sealed class InboundAlertConfiguration : IEntityTypeConfiguration<InboundAlert>
{
    public void Configure(EntityTypeBuilder<InboundAlert> builder)
    {
        builder.ToTable("inbound_alerts");
        builder.HasKey(a => new { a.Source, a.AlertId });
        builder.Property(a => a.Source).HasMaxLength(Lengths.Key);
        builder.Property(a => a.AlertId).HasMaxLength(Lengths.Title);
        builder.Property(a => a.LastStatus).HasMaxLength(Lengths.EnumName);
        builder.Property(a => a.LastCommentHash).HasMaxLength(32);
        builder.HasIndex(a => a.TicketId);
    }
}

/// <summary>Hook signatures remembered while they could be replayed (see Features/Hooks).</summary>
public sealed class InboundHookSignatureConfiguration : IEntityTypeConfiguration<InboundHookSignature>
{
    public void Configure(EntityTypeBuilder<InboundHookSignature> builder)
    {
        builder.ToTable("inbound_hook_signatures");
        builder.HasKey(s => new { s.Source, s.Signature });
        builder.Property(s => s.Source).HasMaxLength(Lengths.Key);
        builder.Property(s => s.Signature).HasMaxLength(100);
        builder.HasIndex(s => s.SignedAt);
    }
}

/// <summary>The mails the mail drop has taken in, by Message-ID (see Jobs/MailDrop.cs).</summary>
public sealed class InboundMailConfiguration : IEntityTypeConfiguration<InboundMail>
{
    public void Configure(EntityTypeBuilder<InboundMail> builder)
    {
        builder.ToTable("inbound_mails");
        builder.HasKey(m => m.MessageId);
        builder.Property(m => m.MessageId).HasMaxLength(300);
        builder.Property(m => m.Sender).HasMaxLength(320);
        builder.Property(m => m.Outcome).HasMaxLength(Lengths.EnumName);
        builder.HasIndex(m => m.TicketId);
    }
}
