using Platform.Projects;

// The projects service: the PMO's portfolio. Everything it registers and maps is in ProjectsService.cs.
await PlatformService.RunAsync(args, builder => builder.AddProjects(), app => app.MapProjectsAsync());

public partial class Program;
