using Platform.Assets;

// The assets service: hardware, software licences, kitting and procurement (Features/*), the expiry job (Jobs/).
var builder = WebApplication.CreateBuilder(args);
builder.AddAssets();

var app = builder.Build();
await app.MapAssetsAsync();
app.Run();

public partial class Program;
