using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Platform.Architecture.Tests;

/// <summary>
/// Where things are (DESIGN.md §2–3): a short Program.cs per service, and each entity's mapping in its own
/// IEntityTypeConfiguration beside the DbContext rather than inline in OnModelCreating.
/// </summary>
public sealed class LayoutTests
{
    public static TheoryData<string> ServiceProjects() =>
        [.. Directory.GetFiles(Path.Combine(Repository.Root, "services"), "Program.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(Repository.Root, p))];

    [Theory]
    [MemberData(nameof(ServiceProjects))]
    public void Program_cs_stays_short(string program)
    {
        // AddServiceDefaults, the service's own Add…(), build, migrate, map: the rest lives in the service's extension.
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, program))
            .Count(l => l.Trim() is { Length: > 0 } t && !t.StartsWith("//", StringComparison.Ordinal) && !t.StartsWith("using ", StringComparison.Ordinal));
        lines.ShouldBeLessThanOrEqualTo(25, $"{program} has {lines} lines of code");
    }

    public static TheoryData<string> ServiceAssemblies() =>
        ["Platform.Ticketing", "Platform.Projects", "Platform.Assets", "Platform.Notifications", "Platform.Identity"];

    [Theory]
    [MemberData(nameof(ServiceAssemblies))]
    public void Every_entity_of_a_service_has_its_own_mapping_class(string service)
    {
        var assembly = Assembly.Load(service);
        var contextType = assembly.GetTypes().Single(t => !t.IsAbstract && typeof(DbContext).IsAssignableFrom(t));
        var options = (DbContextOptions)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))
            .ShouldBeAssignableTo<DbContextOptionsBuilder>()!
            .UseNpgsql("Host=model-only.invalid") // the model is built without connecting
            .Options;
        using var context = (DbContext)Activator.CreateInstance(contextType, options)!;

        var configured = assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>))
            .Select(i => i.GetGenericArguments()[0])
            .ToHashSet();
        // The service's own entities (shared outbox/inbox/audit rows are mapped by the shared library; owned types and
        // ASP.NET Core Identity's or OpenIddict's by their owner).
        var own = context.Model.GetEntityTypes()
            .Where(e => !e.IsOwned() && e.ClrType.Assembly == assembly && !e.HasSharedClrType)
            .Select(e => e.ClrType)
            .ToList();

        own.Where(t => !configured.Contains(t)).Select(t => t.Name)
            .ShouldBeEmpty($"{service}: each entity is mapped by an IEntityTypeConfiguration<T> beside the DbContext");
    }
}
