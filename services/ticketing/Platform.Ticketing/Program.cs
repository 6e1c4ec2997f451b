using Platform.Ticketing;

// The help desk: tickets, SLAs, queues, knowledge base, categories, attachments, inbound hooks and mail.
// What it registers and maps: TicketingService.cs; each capability in its folder under Features/, jobs in Jobs/.
await TicketingService.RunAsync(args);

public partial class Program;
