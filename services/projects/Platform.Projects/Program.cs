using Platform.Projects;

// The projects service: the PMO's portfolio. Everything it registers and maps is in ProjectsService.cs.
var builder = WebApplication.CreateBuilder(args);
builder.AddProjects();

var app = builder.Build();
await app.MapProjectsAsync();
app.Run();

public partial class Program;
