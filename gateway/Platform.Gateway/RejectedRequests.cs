using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Platform.Gateway;

/// <summary>
/// Kestrel refuses some requests before any middleware runs (a <c>%00</c> in the path, a malformed request line or
/// header, a URL or headers too long) and answers them with an empty 4xx and "Connection: close". No hook of the server
/// words that answer, so the gateway — the platform's only public entry — rewrites it on the connection's way out into
/// the ProblemDetails every other error is: same status, a JSON body saying what was wrong. Only such answers are
/// touched: an HTTP/1.x status line of 4xx whose header block says Content-Length 0 and Connection close and names no
/// content type. Everything else passes through unchanged, byte for byte.
/// </summary>
public static class RejectedRequests
{
    public static void UseProblemsForRejectedRequests(this KestrelServerOptions kestrel) =>
        kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => async connection =>
        {
            var transport = connection.Transport;
            connection.Transport = new Duplex(transport.Input, new RewritingWriter(transport.Output));
            try { await next(connection); }
            finally { connection.Transport = transport; }
        }));

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    private static ReadOnlySpan<byte> HttpPrefix => "HTTP/1."u8;
    private static ReadOnlySpan<byte> EmptyBody => "\r\nContent-Length: 0\r\n"u8;
    private static ReadOnlySpan<byte> Close => "\r\nConnection: close\r\n"u8;
    private static ReadOnlySpan<byte> ContentType => "\r\nContent-Type:"u8;
    private static ReadOnlySpan<byte> EndOfHead => "\r\n\r\n"u8;

    /// <summary>The rewritten answer, or null when <paramref name="written"/> is not one of Kestrel's empty rejections.</summary>
    public static byte[]? Rewrite(ReadOnlySpan<byte> written)
    {
        if (written.Length < 20 || !written.StartsWith(HttpPrefix) || written[8] != (byte)' ' || written[9] != (byte)'4') return null;
        var end = written.IndexOf(EndOfHead);
        if (end < 0) return null;
        var head = written[..(end + 2)];
        var emptyBody = head.IndexOf(EmptyBody);
        if (emptyBody < 0 || head.IndexOf(Close) < 0 || head.IndexOf(ContentType) >= 0) return null;

        var statusLine = Encoding.ASCII.GetString(head[..head.IndexOf("\r\n"u8)]);
        var status = int.Parse(statusLine.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
        var reason = statusLine.Length > 13 ? statusLine[13..] : "Bad Request";
        var detail = status switch
        {
            414 => "The URL is too long.",
            431 => "The request headers are too large.",
            411 => "The request needs a Content-Length or chunked body.",
            _ => "The request could not be read: its request line, URL path (a %00, say) or headers are malformed.",
        };
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["type"] = $"https://tools.ietf.org/html/rfc9110#section-15.5.{status - 399}",
            ["title"] = reason,
            ["status"] = status,
            ["detail"] = detail,
            ["code"] = "malformed-request",
        });

        var output = new ArrayBufferWriter<byte>(head.Length + body.Length + 64);
        output.Write(head[..emptyBody]);
        output.Write(Encoding.ASCII.GetBytes($"\r\nContent-Type: application/problem+json\r\nContent-Length: {body.Length}\r\n"));
        output.Write(head[(emptyBody + EmptyBody.Length)..]);
        output.Write("\r\n"u8);
        output.Write(body);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Passes every call to the transport's writer; looks at each block Kestrel commits with Advance.</summary>
    private sealed class RewritingWriter(PipeWriter inner) : PipeWriter
    {
        private Memory<byte> _handedOut;

        public override Memory<byte> GetMemory(int sizeHint = 0) => _handedOut = inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => (_handedOut = inner.GetMemory(sizeHint)).Span;

        public override void Advance(int bytes)
        {
            // The block was written into the transport's buffer and is not committed yet: a rejection is replaced there.
            if (bytes >= 20 && bytes <= _handedOut.Length && _handedOut.Span[9] == (byte)'4' && Rewrite(_handedOut.Span[..bytes]) is { } rewritten)
            {
                var target = inner.GetSpan(rewritten.Length);
                rewritten.CopyTo(target);
                inner.Advance(rewritten.Length);
            }
            else inner.Advance(bytes);

            _handedOut = default;
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;

        public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(source.Length >= 20 && source.Span[9] == (byte)'4' && Rewrite(source.Span) is { } rewritten ? rewritten : source, cancellationToken);
    }
}
