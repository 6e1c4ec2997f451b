using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Notifications.Data.Migrations
{
    /// <summary>
    /// Every change to the people directory copy or to the notification preferences sends the notice of
    /// <c>PeopleSnapshot.Channel</c> when its transaction commits, whatever wrote it (identity's events, a person learnt
    /// from a token, a preference saved, another replica, a statement by hand), so every replica's snapshot is dropped.
    /// Row triggers, so that a statement that changes nothing (a placeholder already there, a token's person already
    /// known from identity) sends nothing; a directory update that only touches <c>updated_at</c> sends nothing either.
    /// PostgreSQL folds a transaction's identical notices into one.
    /// </summary>
    public partial class PeopleChangeNotice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION notify_people_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('notifications_people', '');
                    RETURN NULL;
                END $$;

                CREATE TRIGGER directory_people_changed AFTER INSERT OR DELETE ON directory_people
                    FOR EACH ROW EXECUTE FUNCTION notify_people_changed();
                CREATE TRIGGER directory_people_updated AFTER UPDATE ON directory_people
                    FOR EACH ROW WHEN ((OLD.user_name, OLD.display_name, OLD.email, OLD.department, OLD.manager_id, OLD.roles, OLD.active,
                                        OLD.left_on, OLD.version)
                                       IS DISTINCT FROM (NEW.user_name, NEW.display_name, NEW.email, NEW.department, NEW.manager_id,
                                        NEW.roles, NEW.active, NEW.left_on, NEW.version))
                    EXECUTE FUNCTION notify_people_changed();
                CREATE TRIGGER directory_people_truncated AFTER TRUNCATE ON directory_people
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_people_changed();

                CREATE TRIGGER notification_preferences_changed AFTER INSERT OR UPDATE OR DELETE ON notification_preferences
                    FOR EACH ROW EXECUTE FUNCTION notify_people_changed();
                CREATE TRIGGER notification_preferences_truncated AFTER TRUNCATE ON notification_preferences
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_people_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER notification_preferences_truncated ON notification_preferences;
                DROP TRIGGER notification_preferences_changed ON notification_preferences;
                DROP TRIGGER directory_people_truncated ON directory_people;
                DROP TRIGGER directory_people_updated ON directory_people;
                DROP TRIGGER directory_people_changed ON directory_people;
                DROP FUNCTION notify_people_changed();
                """);
        }
    }
}
