using System.Reflection;
using Assembly = System.Reflection.Assembly;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnitV3;
using Platform.ServiceDefaults;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Platform.Architecture.Tests;

/// <summary>
/// The boundaries of DESIGN.md §2, kept by tests rather than by memory: services share only the shared libraries,
/// domain types know neither EF Core nor ASP.NET Core, and the shared libraries hold no service's rules.
/// </summary>
public sealed class BoundaryTests
{
    private static readonly string[] ServiceNames =
        ["Platform.Ticketing", "Platform.Projects", "Platform.Assets", "Platform.Notifications", "Platform.Identity"];

    /// <summary>What a service may reference of ours.</summary>
    private static readonly string[] SharedLibraries =
        ["Platform.Contracts", "Platform.ServiceDefaults", "Platform.Messaging", "Platform.Data"];

    private static readonly Assembly[] Services = [.. ServiceNames.Select(Assembly.Load)];

    private static readonly Lazy<ArchUnitNET.Domain.Architecture> Model =
        new(() => new ArchLoader().LoadAssemblies([.. Services]).Build());

    public static TheoryData<string> ServiceAssemblies() => [.. ServiceNames];

    [Theory]
    [MemberData(nameof(ServiceAssemblies))]
    public void A_service_references_no_other_service_and_only_the_shared_libraries_of_ours(string service)
    {
        var ours = Assembly.Load(service).GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Platform.", StringComparison.Ordinal))
            .ToList();

        ours.ShouldNotBeEmpty("every service builds on the shared defaults");
        ours.Where(n => !SharedLibraries.Contains(n)).ShouldBeEmpty($"{service} may reference only {string.Join(", ", SharedLibraries)}");
    }

    [Fact]
    public void The_gateway_references_only_the_service_defaults_of_ours()
    {
        var ours = Assembly.Load("Platform.Gateway").GetReferencedAssemblies()
            .Select(a => a.Name!).Where(n => n.StartsWith("Platform.", StringComparison.Ordinal));
        ours.ShouldBe(["Platform.ServiceDefaults"], ignoreOrder: true);
    }

    /// <summary>
    /// The portal reaches the services only over HTTP, through the gateway: no service, no database, no outbox. It
    /// knows the event contracts only to hear, on a queue of its own, when to re-read (live updates).
    /// </summary>
    [Fact]
    public void The_portal_references_only_the_service_defaults_and_the_contracts_of_ours()
    {
        var ours = Assembly.Load("Platform.Portal").GetReferencedAssemblies()
            .Select(a => a.Name!).Where(n => n.StartsWith("Platform.", StringComparison.Ordinal));
        ours.ShouldBe(["Platform.ServiceDefaults", "Platform.Contracts"], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(ServiceAssemblies))]
    public void Domain_types_depend_on_neither_EF_Core_nor_ASP_NET_Core(string service)
    {
        var domain = Types().That().ResideInNamespaceMatching($@"^{service.Replace(".", @"\.", StringComparison.Ordinal)}\.Domain(\..*)?$");
        if (!domain.GetObjects(Model.Value).Any()) return; // identity has no domain model of its own (ASP.NET Core Identity's)

        domain.Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(@"^Microsoft\.(EntityFrameworkCore|AspNetCore)(\..*)?$"))
            .Because("domain rules are unit-tested without a database or a web host")
            .Check(Model.Value);
    }

    [Fact]
    public void The_shared_caller_holds_no_service_rules()
    {
        // Who sees which tickets or projects is the owning service's rule (its Access/… extension members), not the
        // shared library's: the caller is who, in which roles.
        typeof(Caller).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name)
            .ShouldBe(["Id", "Roles"], ignoreOrder: true);
    }

    [Fact]
    public void Background_jobs_live_in_each_services_Jobs_folder()
    {
        var jobs = Services.SelectMany(a => a.GetTypes())
            .Where(t => !t.IsAbstract && typeof(Microsoft.Extensions.Hosting.BackgroundService).IsAssignableFrom(t))
            .ToList();

        jobs.ShouldNotBeEmpty();
        jobs.Where(t => t.Namespace is null || !t.Namespace.EndsWith(".Jobs", StringComparison.Ordinal))
            .Select(t => t.FullName).ShouldBeEmpty("background jobs belong in <Service>/Jobs/");
    }
}
