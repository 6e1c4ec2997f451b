using Platform.Notifications;

// The notifications service: every event of the catalogue fanned out to inboxes, e-mails, digests and webhooks
// (Features/*), delivered by the dispatcher (Jobs/).
await NotificationsService.RunAsync(args);

public partial class Program;
