using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.ServiceDefaults;

/// <summary>What <see cref="HmacSignature.Check"/> found.</summary>
public enum HmacCheck
{
    Valid,

    /// <summary>No signature or no timestamp.</summary>
    Missing,

    /// <summary>The timestamp is not Unix seconds.</summary>
    BadTimestamp,

    /// <summary>The timestamp is further from now than the tolerance (a replay, or a wrong clock).</summary>
    OutsideTolerance,

    Mismatch,
}

/// <summary>
/// The platform's signature on a request body, both ways (inbound hooks on ticketing, outbound webhooks from
/// notifications): <c>X-Signature: sha256=hex(HMAC-SHA256(secret, "{timestamp}.{body}"))</c> with
/// <c>X-Signature-Timestamp</c> in Unix seconds. The timestamp is signed, so a captured request replays only within
/// the tolerance window.
/// </summary>
public static class HmacSignature
{
    public const string SignatureHeader = "X-Signature";
    public const string TimestampHeader = "X-Signature-Timestamp";
    private const string Prefix = "sha256=";

    /// <summary>Signs <paramref name="body"/> with the timestamp exactly as it is sent.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body) =>
        Sign(secret, unixSeconds.ToString(CultureInfo.InvariantCulture), body);

    /// <summary>
    /// What a receiver does: the timestamp within <paramref name="tolerance"/> of <paramref name="now"/> (either way),
    /// and the HMAC equal in constant time (hex in either case).
    /// </summary>
    public static HmacCheck Check(string secret, string? signature, string? timestamp, ReadOnlySpan<byte> body,
        DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp)) return HmacCheck.Missing;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return HmacCheck.BadTimestamp;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance) return HmacCheck.OutsideTolerance;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var given = Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given) ? HmacCheck.Valid : HmacCheck.Mismatch;
    }

    public static bool Verify(string secret, string? signature, string? timestamp, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance) =>
        Check(secret, signature, timestamp, body, now, tolerance) == HmacCheck.Valid;
}
