using Platform.Assets;

// The assets service: hardware, software licences, kitting and procurement (Features/*), the expiry job (Jobs/).
await AssetsService.RunAsync(args);

public partial class Program;
