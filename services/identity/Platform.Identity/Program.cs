using Platform.Identity;

// The identity service: the platform's OpenID Connect token server (OpenIddict) over ASP.NET Core Identity.
var builder = WebApplication.CreateBuilder(args);
builder.AddIdentityService();

var app = builder.Build();
await app.MapIdentityServiceAsync();
app.Run();

public partial class Program;
