namespace Platform.EndToEnd.Tests;

/// <summary>What a new platform starts with names people and queues that exist.</summary>
public class SeedDataTests(PlatformFixture fx, ITestOutputHelper output) : PlatformTest(fx, output)
{
    /// <summary>The ids the ticketing migrations seed (SlaDefaults): four SLA policies, two queues.</summary>
    private static readonly string[] SeededPolicies =
        ["0193a000-0000-7000-8000-000000000101", "0193a000-0000-7000-8000-000000000102", "0193a000-0000-7000-8000-000000000103", "0193a000-0000-7000-8000-000000000104"];

    private static readonly string[] SeededQueues = ["0193a000-0000-7000-8000-000000000201", "0193a000-0000-7000-8000-000000000202"];

    [Fact]
    public async Task Seeded_SLA_policies_and_queues_name_people_and_queues_that_exist()
    {
        var queuesResponse = await Http.GetAsync("/api/queues");
        await ShouldBeAsync(queuesResponse, HttpStatusCode.OK);
        var queues = (await queuesResponse.ReadJsonAsync()).EnumerateArray().ToList();
        var policiesResponse = await Http.GetAsync("/api/sla-policies");
        await ShouldBeAsync(policiesResponse, HttpStatusCode.OK);
        var policies = (await policiesResponse.ReadJsonAsync()).EnumerateArray()
            .Where(p => SeededPolicies.Contains(p.Str("id"))).ToList();
        policies.Count.ShouldBe(SeededPolicies.Length);
        var seededQueues = queues.Where(q => SeededQueues.Contains(q.Str("id"))).ToList();
        seededQueues.Count.ShouldBe(SeededQueues.Length);

        var people = new HashSet<string>(StringComparer.Ordinal);
        foreach (var policy in policies)
        {
            if (policy.GetProperty("escalateToQueue").GetString() is { } queue)
                queues.ShouldContain(q => q.Str("key") == queue, $"policy {policy.Str("name")} escalates to {queue}");
            if (policy.GetProperty("notifyOnBreach").GetString() is { } person) people.Add(person);
        }

        foreach (var queue in seededQueues)
            if (queue.GetProperty("teamLead").GetString() is { } lead) people.Add(lead);
        people.ShouldNotBeEmpty();

        // A person exists when identity lets them sign in (the demo directory: alice, erin, bob, carol, dave, admin).
        foreach (var person in people)
            await Should.NotThrowAsync(() => Fx.TokenAsync(person), $"seed data names '{person}', who is not in the directory");
    }
}
