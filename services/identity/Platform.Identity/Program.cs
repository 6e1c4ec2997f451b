using Platform.Data;
using Platform.Identity;

// The identity service: the platform's OpenID Connect token server (OpenIddict) over ASP.NET Core Identity.
await PlatformService.RunAsync(args, builder => builder.AddIdentityService(), app => app.MapIdentityServiceAsync());

public partial class Program;
