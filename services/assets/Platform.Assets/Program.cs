using Platform.Data;
using Platform.Assets;

// The assets service: hardware, software licences, kitting and procurement (Features/*), the expiry job (Jobs/).
await PlatformService.RunAsync(args, builder => builder.AddAssets(), app => app.MapAssetsAsync());

public partial class Program;
