using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Platform.Messaging.Tests;

/// <summary>
/// A TCP relay in front of the test's PostgreSQL that can be shut like a server restarting: <see cref="Shut"/> drops
/// every relayed connection and refuses new ones (accepted and closed at once, counted in <see cref="Refused"/>);
/// <see cref="Open"/> relays again.
/// </summary>
public sealed class TcpGate : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<TcpClient, TcpClient> _relayed = new();
    private readonly string _host;
    private readonly int _port;
    private readonly Task _accepting;
    private volatile bool _open = true;
    private int _refused;

    public TcpGate(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        _host = target.Host!;
        _port = target.Port;
        _listener.Start();
        target.Host = "127.0.0.1";
        target.Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        ConnectionString = target.ConnectionString;
        _accepting = AcceptAsync();
    }

    /// <summary>The test's connection string, through the gate.</summary>
    public string ConnectionString { get; }

    /// <summary>How many connections the gate refused while shut.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public void Shut()
    {
        _open = false;
        foreach (var (client, server) in _relayed)
        {
            client.Dispose();
            server.Dispose();
        }
    }

    public void Open() => _open = true;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            if (!_open)
            {
                Interlocked.Increment(ref _refused);
                client.Dispose();
                continue;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(_host, _port, _stop.Token);
            _relayed[client] = server;
            if (!_open) return; // shut while this one was connecting: Shut may have missed it
            await Task.WhenAny(
                client.GetStream().CopyToAsync(server.GetStream(), _stop.Token),
                server.GetStream().CopyToAsync(client.GetStream(), _stop.Token));
        }
        catch (Exception) { /* one side closed, or the gate was shut: the relay ends */ }
        finally
        {
            _relayed.TryRemove(client, out _);
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Shut();
        await _accepting;
        _stop.Dispose();
    }
}
