using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal;
using Platform.Testing;

namespace Platform.Architecture.Tests;

/// <summary>
/// Every service starts from its EF Core compiled model (Data/CompiledModel), not from OnModelCreating: building the
/// model was a third of a service's start-up CPU. A compiled model that no longer matches the mapping would map the
/// database wrongly at run time, so each committed one must be exactly what EF Core generates from the mapping now
/// (as tools/ef-optimize.sh does).
/// </summary>
public sealed partial class CompiledModelTests
{
    public static TheoryData<string> Databases() => MigrationTests.Databases();

    [Theory]
    [MemberData(nameof(Databases))]
    public void The_committed_compiled_model_is_what_the_mapping_generates(string service)
    {
        using var db = ServiceDbContexts.Create(service);
        var name = char.ToUpperInvariant(service[0]) + service[1..];
        var committedDir = Path.Combine(Repository.Root, "services", service, $"Platform.{name}", "Data", "CompiledModel");
        var generatedDir = Directory.CreateTempSubdirectory("compiled-model-").FullName;
        try
        {
            var design = new ServiceCollection().AddEntityFrameworkDesignTimeServices().AddDbContextDesignTimeServices(db);
#pragma warning disable EF1001 // the provider's design-time services, as dotnet ef loads them
            new NpgsqlDesignTimeServices().ConfigureDesignTimeServices(design);
#pragma warning restore EF1001
            using var services = design.BuildServiceProvider();
            services.GetRequiredService<ICompiledModelScaffolder>().ScaffoldModel(
                db.GetService<IDesignTimeModel>().Model, generatedDir, new CompiledModelCodeGenerationOptions
                {
                    ContextType = db.GetType(),
                    ModelNamespace = $"Platform.{name}.Data.CompiledModel",
                    Language = "C#",
                    UseNullableReferenceTypes = true,
                    GeneratedFileNames = new HashSet<string>(),
                });

            var advice = $"{service}: the compiled model in {Path.GetRelativePath(Repository.Root, committedDir)} is not what the mapping " +
                         $"generates now; run tools/ef-optimize.sh {service} and commit the result";
            var committed = Files(committedDir);
            var generated = Files(generatedDir);
            committed.Keys.Order().ShouldBe(generated.Keys.Order(), advice);
            foreach (var (file, text) in generated)
                Normalise(committed[file]).ShouldBe(Normalise(text), $"{advice} ({file} differs)");
            // And the service really uses it: EF Core finds it by the assembly attribute the scaffolder writes.
            db.Model.GetType().Name.ShouldBe($"{db.GetType().Name}Model");
        }
        finally
        {
            Directory.Delete(generatedDir, recursive: true);
        }
    }

    private static Dictionary<string, string> Files(string dir) =>
        Directory.Exists(dir) ? Directory.GetFiles(dir, "*.cs").ToDictionary(f => Path.GetFileName(f), File.ReadAllText) : [];

    // Each generation draws a new model id; everything else must match.
    private static string Normalise(string text) => ModelId().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF'), "modelId: (any)");

    [System.Text.RegularExpressions.GeneratedRegex("""modelId: new Guid\("[0-9a-f-]{36}"\)""")]
    private static partial System.Text.RegularExpressions.Regex ModelId();
}
