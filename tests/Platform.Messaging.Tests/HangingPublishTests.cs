using System.Reflection;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Ticketing;
using Platform.Messaging.Outbox;

namespace Platform.Messaging.Tests;

/// <summary>
/// A publish begun on a broker connection that died can hang for good. The dispatcher gives up waiting for it after
/// its publish timeout; once the bus is connected, such a publish must not hold back every later row (the fault suite
/// saw ticketing publish nothing for minutes after RabbitMQ's return, thousands of rows waiting behind one).
/// </summary>
public sealed class HangingPublishTests() : IsolatedTest("msghang", "hang")
{
    [Fact]
    public async Task A_publish_that_never_finishes_does_not_hold_back_the_rows_after_it()
    {
        await using var probe = await BusProbe.StartAsync(Servers, typeof(TicketCreated));
        var hang = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await MessagingHost.StartAsync(Servers, Database,
            overrides: new Dictionary<string, string?> { ["Outbox:PublishTimeout"] = "00:00:01" },
            services: s => s.AddSingleton<IBus>(sp => HangFirstPublish.Wrap(sp.GetRequiredService<IBusControl>(), hang.Task)));

        var first = await host.WriteAsync("HD-H1");
        var failed = await Eventually.GetAsync(
            () => host.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == first)),
            m => m.Attempts >= 1, TimeSpan.FromSeconds(30));
        failed.DispatchedAt.ShouldBeNull();
        hang.Task.IsCompleted.ShouldBeFalse(); // the first publish still hangs, and will for the rest of the test

        var second = await host.WriteAsync("HD-H2");
        (await probe.WaitForReceivedAsync<TicketCreated>(e => e.TicketKey == "HD-H2", TimeSpan.FromSeconds(20))).MessageId.ShouldBe(second);
        (await probe.WaitForReceivedAsync<TicketCreated>(e => e.TicketKey == "HD-H1", TimeSpan.FromSeconds(20))).MessageId.ShouldBe(first);
        hang.SetResult();
    }
}

/// <summary>The real bus, except that its first publish waits on a task the test holds (a publish that never ends).</summary>
public class HangFirstPublish : DispatchProxy
{
    private IBusControl _inner = null!;
    private Task _hang = null!;
    private int _publishes;

    public static IBus Wrap(IBusControl inner, Task hang)
    {
        var proxy = Create<IBusControl, HangFirstPublish>();
        var self = (HangFirstPublish)(object)proxy;
        self._inner = inner;
        self._hang = hang;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.Name == nameof(IPublishEndpoint.Publish) && targetMethod.ReturnType == typeof(Task)
            && Interlocked.Increment(ref _publishes) == 1)
            return _hang;
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }
}
