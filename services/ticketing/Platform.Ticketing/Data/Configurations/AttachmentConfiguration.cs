namespace Platform.Ticketing.Data.Configurations;

public sealed class TicketAttachmentConfiguration : IEntityTypeConfiguration<TicketAttachment>
{
    public void Configure(EntityTypeBuilder<TicketAttachment> builder)
    {
        builder.HasAssignedKey("ticket_attachments", a => a.Id);
        builder.Property(a => a.FileName).HasMaxLength(Lengths.Title);
        builder.Property(a => a.ContentType).HasMaxLength(Lengths.Key);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.Property(a => a.UploadedBy).HasMaxLength(Lengths.Person);
        builder.HasIndex(a => new { a.TicketId, a.UploadedAt });
        builder.HasOne<Ticket>().WithMany().HasForeignKey(a => a.TicketId).OnDelete(DeleteBehavior.Cascade);
        // Constraint names said outright: the naming convention would take the comments' table name as it stood
        // when this configuration runs (configurations apply in assembly order, not table by table).
        builder.HasOne<TicketComment>().WithMany().HasForeignKey(a => a.CommentId).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_ticket_attachments_ticket_comments_comment_id");
    }
}

/// <summary>The bytes apart from the attachment's row, so that a listing never reads them.</summary>
public sealed class AttachmentContentConfiguration : IEntityTypeConfiguration<AttachmentContent>
{
    public void Configure(EntityTypeBuilder<AttachmentContent> builder)
    {
        builder.HasAssignedKey("ticket_attachment_contents", c => c.AttachmentId);
        builder.HasOne<TicketAttachment>().WithOne().HasForeignKey<AttachmentContent>(c => c.AttachmentId).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_ticket_attachment_contents_ticket_attachments_attachment_id"); // see TicketAttachmentConfiguration
    }
}
