namespace Platform.Ticketing.Data.Configurations;

public sealed class KbArticleConfiguration : IEntityTypeConfiguration<KbArticle>
{
    public void Configure(EntityTypeBuilder<KbArticle> builder)
    {
        builder.HasAssignedKey("kb_articles", a => a.Id).HasRowVersion();
        builder.HasMaxLength(Lengths.Title, a => a.Title);
        builder.HasMaxLength(Lengths.ArticleBody, a => a.Body);
        builder.HasMaxLength(Lengths.Person, a => a.Author);
        builder.StoresEnumNames(a => a.Visibility);
        builder.Property(a => a.SearchVector).HasComputedColumnSql(
            "setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(body, '')), 'B')",
            stored: true);
        builder.HasIndex(a => a.SearchVector).HasMethod("GIN");
        builder.HasIndex(a => a.Tags).HasMethod("GIN");
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
