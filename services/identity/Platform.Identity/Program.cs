using Platform.Identity;

// The identity service: the platform's OpenID Connect token server (OpenIddict) over ASP.NET Core Identity.
await IdentityService.RunAsync(args);

public partial class Program;
