using Platform.Notifications;

// The notifications service: every event of the catalogue fanned out to inboxes, e-mails, digests and webhooks
// (Features/*), delivered by the dispatcher (Jobs/).
var builder = WebApplication.CreateBuilder(args);
builder.AddNotifications();

var app = builder.Build();
await app.MapNotificationsAsync();
app.Run();

public partial class Program;
