namespace Platform.Notifications.Data.Configurations;

internal sealed class NotificationRuleConfiguration : IEntityTypeConfiguration<NotificationRule>
{
    public void Configure(EntityTypeBuilder<NotificationRule> b)
    {
        b.HasAssignedKey("notification_rules", r => r.Id);
        b.HasMaxLength(Lengths.Person, r => r.Name);
        b.Property(r => r.Filters).HasFiltersColumn();
        b.HasRowVersion();
    }
}
