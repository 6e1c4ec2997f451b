using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Contracts.Ticketing;
using Platform.Messaging.Inbox;

namespace Platform.Messaging.Tests;

/// <summary>Writes a note per TicketCreated through the group commit; a title of "poison" always fails.</summary>
public sealed class BatchedNoteConsumer(InboxBatcher<TestDbContext> inbox) : IConsumer<TicketCreated>
{
    public Task Consume(ConsumeContext<TicketCreated> context) =>
        inbox.ApplyOnceAsync(context, "batched-note", (batch, _) =>
        {
            if (context.Message.Title == "poison") throw new InvalidOperationException("cannot digest this");
            batch.GetRequiredService<TestDbContext>().Notes.Add(new Note { Text = context.Message.TicketKey });
            return Task.CompletedTask;
        });
}

/// <summary>The inbox's group commit (<see cref="InboxBatcher{TDbContext}"/>) against real PostgreSQL and RabbitMQ.</summary>
public sealed class InboxBatcherTests() : IsolatedTest("msg", "batch")
{
    private Task<MessagingHost> StartAsync(bool consumer = false) =>
        MessagingHost.StartAsync(Servers, Database, dispatcher: false, services: services =>
        {
            services.AddOptions<InboxBatchOptions>();
            services.AddSingleton<InboxBatcher<TestDbContext>>();
        }, bus: consumer ? x => x.AddConsumer<BatchedNoteConsumer>() : null);

    /// <summary>Submits a message whose application adds a note with <paramref name="text"/> (or throws, for "poison").</summary>
    private static Task Submit(InboxBatcher<TestDbContext> inbox, Guid id, string text) =>
        inbox.ApplyOnceAsync(id, "test", "TicketCreated", (batch, _) =>
        {
            if (text == "poison") throw new InvalidOperationException("cannot digest this");
            batch.GetRequiredService<TestDbContext>().Notes.Add(new Note { Text = text });
            return Task.CompletedTask;
        }, CancellationToken.None);

    /// <summary>The transaction that wrote each note, by text (a row's xmin).</summary>
    private static Task<Dictionary<string, string>> WritersAsync(MessagingHost host) =>
        host.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT text, xmin::text FROM notes";
            await using var reader = await command.ExecuteReaderAsync();
            var writers = new Dictionary<string, string>();
            while (await reader.ReadAsync()) writers.Add(reader.GetString(0), reader.GetString(1));
            return writers;
        });

    /// <summary>
    /// Holds the worker in a first message until the rest have been submitted, so they are all waiting when it is free.
    /// </summary>
    private static async Task<(Task First, TaskCompletionSource Release)> HoldWorkerAsync(InboxBatcher<TestDbContext> inbox)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = inbox.ApplyOnceAsync(Guid.NewGuid(), "test", "TicketCreated", async (batch, _) =>
        {
            entered.SetResult();
            await release.Task;
            batch.GetRequiredService<TestDbContext>().Notes.Add(new Note { Text = "first" });
        }, CancellationToken.None);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return (first, release);
    }

    [Fact]
    public async Task Messages_held_at_the_same_time_commit_in_one_transaction_each_applied_once()
    {
        await using var host = await StartAsync();
        var inbox = host.Services.GetRequiredService<InboxBatcher<TestDbContext>>();
        var (first, release) = await HoldWorkerAsync(inbox);
        var ids = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        var waiting = ids.Select((id, i) => Submit(inbox, id, $"n{i}")).ToList();
        // A redelivery of a message in the same batch, and of one applied in an earlier transaction, change nothing.
        waiting.Add(Submit(inbox, ids[3], "n3-again"));
        release.SetResult();
        await first;
        waiting.Add(Submit(inbox, ids[5], "n5-again"));
        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(30));

        var writers = await WritersAsync(host);
        writers.Keys.Order().ShouldBe(Enumerable.Range(0, 40).Select(i => $"n{i}").Append("first").Order());
        // The 40 (and the redelivery beside them) waited while the first ran, and then committed together.
        writers.Where(w => w.Key != "first").Select(w => w.Value).Distinct().Count().ShouldBe(1);
        writers["first"].ShouldNotBe(writers["n0"]);
        (await host.WithDbAsync(db => db.Set<InboxMessage>().CountAsync())).ShouldBe(41);
    }

    [Fact]
    public async Task A_message_that_fails_fails_alone_and_the_rest_of_its_batch_is_applied()
    {
        await using var host = await StartAsync();
        var inbox = host.Services.GetRequiredService<InboxBatcher<TestDbContext>>();
        var (first, release) = await HoldWorkerAsync(inbox);
        var ids = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        var waiting = ids.Select((id, i) => Submit(inbox, id, i == 7 ? "poison" : $"n{i}")).ToList();
        release.SetResult();
        await first;

        var failed = await Should.ThrowAsync<InvalidOperationException>(() => waiting[7].WaitAsync(TimeSpan.FromSeconds(30)));
        failed.Message.ShouldBe("cannot digest this");
        await Task.WhenAll(waiting.Where((_, i) => i != 7)).WaitAsync(TimeSpan.FromSeconds(30));

        var writers = await WritersAsync(host);
        writers.Count.ShouldBe(20); // the first and 19 of the 20, none twice
        writers.ContainsKey("poison").ShouldBeFalse();
        (await host.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => m.MessageId == ids[7]))).ShouldBe(0);
        (await host.WithDbAsync(db => db.Set<InboxMessage>().CountAsync())).ShouldBe(20);

        // The poison message's inbox row was rolled back with it: once it can be digested, it is applied.
        await Submit(inbox, ids[7], "cured").WaitAsync(TimeSpan.FromSeconds(30));
        (await WritersAsync(host)).ContainsKey("cured").ShouldBeTrue();
    }

    [Theory]
    [InlineData("BatchSize")]
    [InlineData("Workers")]
    public async Task A_service_with_a_batch_setting_below_one_does_not_start(string setting)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"Inbox:{setting}"] = "0" });
        builder.AddInboxBatching<TestDbContext>();
        using var host = builder.Build();
        var refused = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());
        refused.Message.ShouldContain("Inbox:BatchSize and Inbox:Workers must be at least 1.");
    }

    [Fact]
    public async Task Through_the_broker_every_message_is_applied_once_and_a_poison_one_alone_is_parked()
    {
        await using var probe = await BusProbe.StartAsync(Servers, typeof(TicketCreated));
        await using var host = await StartAsync(consumer: true);
        var messages = Enumerable.Range(0, 60)
            .Select(i => (Id: Guid.NewGuid(), Message: new TicketCreated(Guid.NewGuid(), $"HD-{i}", i == 30 ? "poison" : "t", "alice", "c", "P3", DateTimeOffset.UtcNow)))
            .ToList();
        await Task.WhenAll(messages.Select(m => probe.PublishAsync(m.Message, m.Id)));
        await probe.PublishAsync(messages[10].Message, messages[10].Id); // a redelivery

        await Eventually.GetAsync(() => Servers.Servers.QueueDepthAsync(Servers.VirtualHost, "msgtest-batched-note_error"), n => n == 1,
            TimeSpan.FromSeconds(60));
        var notes = await Eventually.GetAsync(() => host.WithDbAsync(db => db.Notes.Select(n => n.Text).ToListAsync()), n => n.Count >= 59);
        notes.Order().ShouldBe(messages.Where((_, i) => i != 30).Select(m => m.Message.TicketKey).Order());
        (await host.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => m.MessageId == messages[30].Id))).ShouldBe(0);
        await Eventually.GetAsync(() => Servers.Servers.QueueDepthAsync(Servers.VirtualHost, "msgtest-batched-note"), n => n == 0);
        (await host.WithDbAsync(db => db.Notes.CountAsync())).ShouldBe(59);
    }
}
