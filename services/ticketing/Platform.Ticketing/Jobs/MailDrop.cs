using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MimeKit;
using Npgsql;

namespace Platform.Ticketing.Jobs;

/// <summary>
/// E-mail to ticket ("Inbound:Mail"). The help desk's address is delivered by a real mail server into a Maildir
/// (Postfix or Dovecot's LDA in production, <c>deploy/local/smtp-sink.py</c> locally); this service picks messages up
/// from <c>new/</c>. Off while <see cref="Maildir"/> is empty.
/// </summary>
public sealed class MailOptions
{
    public string? Maildir { get; set; }

    /// <summary>Only messages to (To, Cc or the envelope) this address are the help desk's; others are left alone.</summary>
    public string Address { get; set; } = "helpdesk@localhost";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The category of tickets opened by mail.</summary>
    public string Category { get; set; } = "email";

    /// <summary>Sender address → the person's user id; an unknown sender becomes the requester by address.</summary>
    public Dictionary<string, string> Senders { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public long MaxMessageBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>A message already turned into a ticket or a comment: the Message-ID deduplicates redeliveries and replicas.</summary>
public sealed class InboundMail
{
    public required string MessageId { get; init; }
    public Guid TicketId { get; init; }
    public required string Sender { get; init; }
    public required string Outcome { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>
/// Turns one message into a ticket, or into a public comment when it answers one of the sender's tickets (its
/// subject carries "[HD-42]"), in one transaction with its Message-ID. Then the file moves to <c>cur/</c>. A crash in
/// between leaves the file in <c>new/</c>; the next pass finds the Message-ID recorded and only moves it.
/// </summary>
public sealed partial class MailDrop(IServiceScopeFactory scopes, IOptions<MailOptions> options, TimeProvider clock, ILogger<MailDrop> log)
    : PollingWorker
{
    private readonly HashSet<string> _notOurs = new(StringComparer.Ordinal);

    [GeneratedRegex(@"\[(HD-\d+)\]", RegexOptions.IgnoreCase)]
    private static partial Regex TicketReference();

    protected override bool Enabled => !string.IsNullOrWhiteSpace(options.Value.Maildir);

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override async Task<PollOutcome> RunPassAsync(CancellationToken ct)
    {
        await PassAsync(ct);
        return PollOutcome.Idle;
    }

    protected override void LogFailed(Exception exception) =>
        LogPassFailed(log, exception, options.Value.PollInterval);

    /// <summary>Takes every new message once.</summary>
    private async Task PassAsync(CancellationToken ct)
    {
        var o = options.Value;
        var incoming = Path.Combine(o.Maildir!, "new");
        var done = Path.Combine(o.Maildir!, "cur");
        if (!Directory.Exists(incoming)) return;
        Directory.CreateDirectory(done);
        foreach (var file in Directory.GetFiles(incoming).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (_notOurs.Contains(name)) continue;
            MimeMessage message;
            byte[] raw;
            try
            {
                if (new FileInfo(file).Length > o.MaxMessageBytes)
                {
                    LogTooLarge(log, name, o.MaxMessageBytes);
                    _notOurs.Add(name);
                    continue;
                }
                raw = await File.ReadAllBytesAsync(file, ct);
                message = await MimeMessage.LoadAsync(new MemoryStream(raw), ct);
            }
            catch (Exception ex) when (ex is IOException or FormatException)
            {
                LogUnreadable(log, ex, name);
                _notOurs.Add(name);
                continue;
            }

            if (!IsForHelpDesk(message, o.Address))
            {
                _notOurs.Add(name);
                continue;
            }

            await ApplyAsync(message, raw, ct);
            try
            {
                File.Move(file, Path.Combine(done, name + ":2,S"), overwrite: true);
            }
            catch (IOException)
            {
                // Another replica moved it first.
            }
        }
    }

    private static bool IsForHelpDesk(MimeMessage message, string address)
    {
        bool Is(string? a) => string.Equals(a?.Trim(), address, StringComparison.OrdinalIgnoreCase);
        return message.To.Mailboxes.Concat(message.Cc.Mailboxes).Any(m => Is(m.Address))
            || (message.Headers["X-Envelope-To"] ?? "").Split(',').Any(Is)
            || (message.Headers["Delivered-To"] ?? "").Split(',').Any(Is);
    }

    private async Task ApplyAsync(MimeMessage message, byte[] raw, CancellationToken ct)
    {
        var o = options.Value;
        var messageId = Text.Clip(string.IsNullOrWhiteSpace(message.MessageId)
            ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw))
            : message.MessageId.Trim(), 300);
        var sender = message.From.Mailboxes.FirstOrDefault()?.Address?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(sender)) return;
        var requester = Text.Clip(o.Senders.TryGetValue(sender, out var user) ? user : sender, 200);
        var subject = string.IsNullOrWhiteSpace(message.Subject) ? "(no subject)" : message.Subject.Trim();
        var body = (message.TextBody ?? StripTags(message.HtmlBody) ?? "").Trim();
        if (body.Length == 0) body = "(no text)";

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TicketingDbContext>();
        if (await db.Set<InboundMail>().AnyAsync(m => m.MessageId == messageId, ct)) return;
        var now = clock.GetUtcNow();

        Ticket? ticket = null;
        if (TicketReference().Match(subject) is { Success: true } reference
            && long.TryParse(reference.Groups[1].Value.AsSpan(Ticket.KeyPrefix.Length), out var number))
            ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Number == number && t.Requester == requester, ct);

        string outcome;
        if (ticket is not null && ticket.Status != TicketStatus.Closed)
        {
            ticket.AddComment(requester, Text.Clip(body, 10_000), CommentKind.Public, now);
            outcome = "commented";
        }
        else
        {
            var matrix = scope.ServiceProvider.GetRequiredService<PriorityMatrix>();
            var urgent = message.Importance == MessageImportance.High || message.Priority == MessagePriority.Urgent;
            if (ticket is not null) body = $"{body}\n\n(A reply to {ticket.Key}, which is closed.)";
            ticket = Ticket.Open(await db.NextTicketNumberAsync(ct), Text.Clip(subject, 200), Text.Clip(body, 10_000), requester, o.Category,
                Impact.Low, urgent ? Urgency.High : Urgency.Medium, now, matrix);
            await db.ApplySlaPolicyAsync(ticket, ct);
            db.Tickets.Add(ticket);
            outcome = "created";
        }

        db.Set<InboundMail>().Add(new InboundMail { MessageId = messageId, TicketId = ticket.Id, Sender = sender, Outcome = outcome, ReceivedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg
                                           && pg.TableName == "inbound_mails")
        {
            return; // another replica took this message first
        }
        LogHandled(log, messageId, sender, outcome, ticket.Key);
    }

    private static string? StripTags(string? html) =>
        html is null ? null : System.Net.WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " "));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail drop pass failed; retrying in {Interval}")]
    private static partial void LogPassFailed(ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {File} is larger than {Max} bytes; left unprocessed")]
    private static partial void LogTooLarge(ILogger logger, string file, long max);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {File} could not be read")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MessageId} from {Sender}: {Outcome} {Ticket}")]
    private static partial void LogHandled(ILogger logger, string? messageId, string? sender, string outcome, string ticket);
}
