using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Update;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults;

namespace Platform.Data;

/// <summary>Which DbContext is the service's own database (one per service); registered by <c>AddServiceDatabase</c>.</summary>
public sealed record ServiceDatabase(Type DbContextType);

/// <summary>An EF Core interceptor that another shared library adds to the service database (the messaging outbox does).</summary>
public sealed record ServiceDatabaseInterceptor(IInterceptor Interceptor);

public static class ServiceDatabaseExtensions
{
    /// <summary>
    /// Registers the service's DbContext on PostgreSQL (snake_case names) with the audit trail, the pruning of old
    /// idempotency keys and a readiness check on the database. Interceptors registered as
    /// <see cref="ServiceDatabaseInterceptor"/> (the outbox's, by <c>AddServiceBus</c>) run before the audit trail's.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TDbContext>(this IHostApplicationBuilder builder, string connectionName)
        where TDbContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string '{connectionName}' is not configured (ConnectionStrings__{connectionName}).");

        // A pooled connection goes back to the pool without DISCARD ALL (one statement fewer per open/close, ten a
        // second in an idle service's pollers alone): no code here leaves session state behind — advisory locks are
        // transaction-scoped, settings SET LOCAL, LISTEN has a connection of its own (Reference/ReferenceCache.cs).
        var npgsql = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        // Statements the service runs again and again (EF Core's, the outbox's, the inbox's) are prepared on each
        // connection after a few uses (Database:MaxAutoPrepare statements per connection; 0 turns it off), so that
        // PostgreSQL parses and plans them once instead of on every call; a connection string's own setting wins.
        if (!Names(connectionString, "MaxAutoPrepare"))
            npgsql.MaxAutoPrepare = builder.Configuration.GetValue("Database:MaxAutoPrepare", 100);
        connectionString = npgsql.ConnectionString;
        builder.Services.AddSingleton(new ServiceDatabase(typeof(TDbContext)));
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AuditInterceptor>();
        // A save of inserts that fits one batch runs without BEGIN and COMMIT of its own (OneBatchSaves.cs, decision 0020);
        // Database:OneBatchSaves=false gives EF Core's own rule back (for an A/B, tools/bench/config-ab.sh).
        var oneBatchSaves = builder.Configuration.GetValue("Database:OneBatchSaves", true);
        builder.Services.AddDbContextPool<TDbContext>((sp, options) =>
        {
            options
                .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
                .UseSnakeCaseNamingConvention()
                .AddInterceptors(sp.GetServices<ServiceDatabaseInterceptor>().Select(i => i.Interceptor))
                .AddInterceptors(sp.GetRequiredService<AuditInterceptor>());
            if (oneBatchSaves) options.ReplaceService<IModificationCommandBatchFactory, OneBatchSaveFactory>();
        });

        builder.AddSettings<IdempotencyOptions>("Idempotency");
        builder.Services.AddHostedSingleton<IdempotencyKeyPruner<TDbContext>>();

        builder.Services.AddHealthChecks().AddDbContextCheck<TDbContext>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// Whether the connection string itself sets <paramref name="keyword"/> (spaces and case aside). Npgsql's own builder
    /// cannot tell: it answers every keyword it knows as present.
    /// </summary>
    private static bool Names(string connectionString, string keyword) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals(keyword, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Applies EF Core migrations at start-up unless Database:MigrateOnStartup is false. A database that already has every
    /// migration (every restart) is left alone after one query of its history: MigrateAsync would also take the
    /// migrations lock and compare the model with the last snapshot (a test's job: MigrationTests), CPU that a restart
    /// on a busy machine spends before it is ready.
    /// </summary>
    public static async Task MigrateDatabaseAsync<TDbContext>(this WebApplication app) where TDbContext : DbContext
    {
        if (!app.Configuration.GetValue("Database:MigrateOnStartup", true)) return;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        _ = db.Model;
        StartupTimeline.Mark("model built");
        if (!(await db.Database.GetPendingMigrationsAsync()).Any()) return;
        db.Database.SetCommandTimeout(MigrationCommandTimeout(app.Configuration));
        await db.Database.MigrateAsync();
    }

    /// <summary>
    /// How long one migration statement may run (Database:MigrationCommandTimeout, 10 minutes by default), not the
    /// 30 s of a request: a migration that rewrites a big table (a stored generated column on a million tickets took
    /// over 30 s here) must not fail the start-up half-way and roll back.
    /// </summary>
    public static TimeSpan MigrationCommandTimeout(IConfiguration configuration) =>
        configuration.GetValue("Database:MigrationCommandTimeout", TimeSpan.FromMinutes(10));

    /// <summary>Maps the audit_entries and idempotency_keys tables into a service's DbContext.</summary>
    public static ModelBuilder AddDataTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditEntry>(b =>
        {
            b.ToTable("audit_entries");
            b.HasKey(a => a.Id);
            b.Property(a => a.Id).ValueGeneratedNever();
            b.Property(a => a.Entity).HasMaxLength(100);
            b.Property(a => a.EntityId).HasMaxLength(200);
            b.Property(a => a.Action).HasMaxLength(20);
            b.Property(a => a.Actor).HasMaxLength(200);
            b.Property(a => a.Changes).HasColumnType("jsonb");
            b.HasIndex(a => new { a.Entity, a.EntityId, a.At });
        });

        // Idempotency-Key requests: raw SQL in IdempotencyKeyMiddleware names these columns, keep them in step.
        modelBuilder.Entity<IdempotencyKey>(b =>
        {
            b.ToTable("idempotency_keys");
            b.HasKey(k => new { k.Caller, k.Key });
            b.Property(k => k.Caller).HasMaxLength(200);
            b.Property(k => k.Key).HasMaxLength(IdempotencyKeys.MaxKeyLength);
            b.Property(k => k.RequestHash).HasMaxLength(64);
            b.Property(k => k.ContentType).HasMaxLength(200);
            b.HasIndex(k => k.CreatedAt); // pruning
        });

        return modelBuilder;
    }
}
