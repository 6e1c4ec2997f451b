namespace Platform.Ticketing.Data.Configurations;

public sealed class KbArticleConfiguration : IEntityTypeConfiguration<KbArticle>
{
    public void Configure(EntityTypeBuilder<KbArticle> builder)
    {
        builder.HasAssignedKey("kb_articles", a => a.Id);
        builder.Property(a => a.Title).HasMaxLength(Lengths.Title);
        builder.Property(a => a.Body).HasMaxLength(Lengths.ArticleBody);
        builder.Property(a => a.Author).HasMaxLength(Lengths.Person);
        builder.Property(a => a.Visibility).StoredAsName();
        builder.Property(a => a.SearchVector).HasComputedColumnSql(
            "setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(body, '')), 'B')",
            stored: true);
        builder.HasIndex(a => a.SearchVector).HasMethod("GIN");
        builder.HasIndex(a => a.Tags).HasMethod("GIN");
        builder.Property(a => a.Version).IsRowVersion();
    }
}

public sealed class TicketArticleLinkConfiguration : IEntityTypeConfiguration<TicketArticleLink>
{
    public void Configure(EntityTypeBuilder<TicketArticleLink> builder)
    {
        builder.ToTable("ticket_article_links");
        builder.HasKey(l => new { l.TicketId, l.ArticleId });
        builder.Property(l => l.LinkedBy).HasMaxLength(Lengths.Person);
        builder.HasOne<Ticket>().WithMany().HasForeignKey(l => l.TicketId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<KbArticle>().WithMany().HasForeignKey(l => l.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => l.ArticleId);
    }
}
