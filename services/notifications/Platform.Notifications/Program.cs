using Platform.Data;
using Platform.Notifications;

// The notifications service: every event of the catalogue fanned out to inboxes, e-mails, digests and webhooks
// (Features/*), delivered by the dispatcher (Jobs/).
await PlatformService.RunAsync(args, builder => builder.AddNotifications(), app => app.MapNotificationsAsync());

public partial class Program;
