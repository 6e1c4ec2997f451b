using Platform.Ticketing;

// The help desk: tickets, SLAs, queues, knowledge base, categories, attachments, inbound hooks and mail.
// What it registers and maps: TicketingService.cs; each capability in its folder under Features/, jobs in Jobs/.
var builder = WebApplication.CreateBuilder(args);
builder.AddTicketing();

var app = builder.Build();
await app.MapTicketingAsync();
app.Run();

public partial class Program;
