namespace Platform.Ticketing.Data.Configurations;

public sealed class KbArticleConfiguration : IEntityTypeConfiguration<KbArticle>
{
    public void Configure(EntityTypeBuilder<KbArticle> b)
    {
        b.ToTableKeyedBy("kb_articles", a => a.Id);
        b.Property(a => a.Title).HasMaxLength(Lengths.Title);
        b.Property(a => a.Body).HasMaxLength(Lengths.ArticleBody);
        b.Property(a => a.Author).HasMaxLength(Lengths.Person);
        b.Property(a => a.Visibility).StoredByName();
        b.Property(a => a.SearchVector).HasComputedColumnSql(
            "setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(body, '')), 'B')",
            stored: true);
        b.HasIndex(a => a.SearchVector).HasMethod("GIN");
        b.HasIndex(a => a.Tags).HasMethod("GIN");
        b.Property(a => a.Version).IsRowVersion();
    }
}

public sealed class TicketArticleLinkConfiguration : IEntityTypeConfiguration<TicketArticleLink>
{
    public void Configure(EntityTypeBuilder<TicketArticleLink> b)
    {
        b.ToTable("ticket_article_links");
        b.HasKey(l => new { l.TicketId, l.ArticleId });
        b.Property(l => l.LinkedBy).HasMaxLength(Lengths.Person);
        b.HasOne<Ticket>().WithMany().HasForeignKey(l => l.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<KbArticle>().WithMany().HasForeignKey(l => l.ArticleId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => l.ArticleId);
    }
}
