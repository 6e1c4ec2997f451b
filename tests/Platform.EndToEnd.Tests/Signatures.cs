using System.Security.Cryptography;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The platform's webhook signature as a third-party tool computes it — written here from the README's description,
/// not taken from the services, so the tests check the wire format: "sha256=" + hex HMAC-SHA256 of "{timestamp}.{body}".
/// </summary>
public static class Signatures
{
    public static string Sign(string secret, string timestamp, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "."), .. body]));
}
