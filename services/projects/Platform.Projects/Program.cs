using Platform.Projects;

// The projects service: the PMO's portfolio. Everything it registers and maps is in ProjectsService.cs.
await ProjectsService.RunAsync(args);

public partial class Program;
