using System.Net;
using System.Net.Sockets;

namespace Platform.Notifications.Features.Webhooks;

/// <summary>
/// Keeps webhooks from reaching into the platform's own network (server-side request forgery): loopback, private
/// (RFC 1918, IPv6 unique-local), link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, unspecified and
/// multicast addresses are refused unless <see cref="DeliveryOptions.AllowPrivateNetworks"/> is on. Checked twice:
/// when a subscription is made (an address or localhost name in the URL) and on every connection, after DNS, so a
/// name that later resolves inwards (DNS rebinding) is refused too.
/// </summary>
public static class PrivateNetworks
{
    public static bool IsPrivate(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (IPAddress.IsLoopback(ip)) return true;
        var b = ip.GetAddressBytes();
        if (ip.AddressFamily == AddressFamily.InterNetwork)
            return b[0] is 0 or 10 or 127 || b[0] >= 224
                || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && (b[1] & 0xC0) == 64);
        return ip.Equals(IPAddress.IPv6Any) || ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC;
    }

    /// <summary>Whether a URL names an inward address outright (an address literal or a localhost name).</summary>
    public static bool NamesPrivateHost(Uri uri)
    {
        var host = uri.IdnHost.TrimEnd('.');
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip)) return IsPrivate(ip);
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A connect callback for <see cref="SocketsHttpHandler"/> that connects only to public addresses.</summary>
    public static async ValueTask<Stream> ConnectPublicAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(a => !IsPrivate(a)).ToArray();
        if (allowed.Length == 0)
            throw new HttpRequestException(
                $"Refused: {host} resolves only to loopback, private or link-local addresses (Delivery:AllowPrivateNetworks is off).");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
