using Platform.Portal;

// The web portal: a Blazor Web App (interactive server) for requesters and help desk agents, served through the
// gateway at "/". It signs people in with identity (OIDC code + PKCE), keeps their tokens server-side and calls the
// platform's API through the gateway with them. What it registers and maps: PortalService.cs.
await PortalService.RunAsync(args);

public partial class Program;
