using Platform.Ticketing;

// The help desk: tickets, SLAs, queues, knowledge base, categories, attachments, inbound hooks and mail.
// What it registers and maps: TicketingService.cs; each capability in its folder under Features/, jobs in Jobs/.
await PlatformService.RunAsync(args, builder => builder.AddTicketing(), app => app.MapTicketingAsync());

public partial class Program;
