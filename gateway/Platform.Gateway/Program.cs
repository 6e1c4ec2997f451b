using Platform.Gateway;

// The gateway: YARP in front of the services and the portal (routes and clusters in appsettings.json), with rate
// limits, request limits and token checks. What it registers and maps: GatewayApp.cs.
await GatewayApp.RunAsync(args);

public partial class Program;
