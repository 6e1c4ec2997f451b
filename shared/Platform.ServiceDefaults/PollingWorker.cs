using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults;

/// <summary>What one pass of a <see cref="PollingWorker"/> found.</summary>
public enum PollOutcome
{
    /// <summary>Nothing more to do now: wait the interval (or a wake-up).</summary>
    Idle,

    /// <summary>A full batch: more is waiting, run the next pass at once.</summary>
    More,

    /// <summary>Part of the work failed (already logged): wait the back-off before trying again.</summary>
    Failed,
}

/// <summary>
/// The one loop behind every background job of the platform (the outbox dispatcher, the idempotency-key pruner, the
/// SLA, milestone and expiry checkers, the mail drop, the delivery dispatcher). A job says what one pass does
/// (<see cref="RunPassAsync"/>) and how often (<see cref="Interval"/>); the loop runs passes back to back while they
/// report <see cref="PollOutcome.More"/>, then waits. A pass that throws is logged (<see cref="LogFailed"/>) and the
/// loop carries on after <see cref="FailureBackoff"/>; stopping the host ends the loop quietly. Jobs that claim rows do it in
/// their pass (FOR UPDATE SKIP LOCKED, or a lease), so any number of replicas can run the same job.
/// </summary>
/// <remarks>
/// A job's first pass waits until the host has started (Kestrel listens, every hosted service's StartAsync is done:
/// <see cref="IHostedLifecycleService.StartedAsync"/>). A service restarted on a busy machine gets a fraction of two
/// cores; jobs that compiled their first queries beside the migrations check and the bus start made it ready later.
/// </remarks>
public abstract class PollingWorker : BackgroundService, IHostedLifecycleService
{
    /// <summary>Nothing yet: the loop starts in <see cref="IHostedLifecycleService.StartedAsync"/>.</summary>
    public override Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken) => base.StartAsync(cancellationToken);

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The clock the waits run on (tests move it); the system's unless a job has its own.</summary>
    protected virtual TimeProvider Clock => TimeProvider.System;

    /// <summary>False turns the job off (its options say so); read once at start.</summary>
    protected virtual bool Enabled => true;

    /// <summary>How many loops run side by side (each claims its own rows).</summary>
    protected virtual int Loops => 1;

    /// <summary>The wait between passes when there is nothing more to do.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>One pass of the job.</summary>
    protected abstract Task<PollOutcome> RunPassAsync(CancellationToken ct);

    /// <summary>Logs a pass that threw; the loop goes on.</summary>
    protected abstract void LogFailed(Exception exception);

    /// <summary>Runs once before the first pass (e.g. waiting for the bus).</summary>
    protected virtual Task StartingAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>The wait after a failed pass, given the previous wait. The interval unless a job backs off further.</summary>
    protected virtual TimeSpan FailureBackoff(TimeSpan previous) => Interval;

    /// <summary>The wait between passes: on the worker's clock, unless a job can be woken up earlier (a signal).</summary>
    protected virtual Task WaitAsync(TimeSpan wait, CancellationToken ct) => Task.Delay(wait, Clock, ct);

    /// <summary>The wait after a failed pass (by default the same as any other).</summary>
    protected virtual Task WaitAfterFailureAsync(TimeSpan wait, CancellationToken ct) => WaitAsync(wait, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        try
        {
            await StartingAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, Loops)).Select(_ => LoopAsync(stoppingToken)));
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        var wait = Interval;
        while (!ct.IsCancellationRequested)
        {
            var failed = false;
            try
            {
                PollOutcome outcome;
                do
                {
                    outcome = await RunPassAsync(ct);
                } while (outcome == PollOutcome.More && !ct.IsCancellationRequested);
                failed = outcome == PollOutcome.Failed;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(ex);
                failed = true;
            }

            wait = failed ? FailureBackoff(wait) : Interval;
            try
            {
                await (failed ? WaitAfterFailureAsync(wait, ct) : WaitAsync(wait, ct));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
