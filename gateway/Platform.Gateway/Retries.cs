using System.Net.Sockets;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway;

/// <summary>
/// With several replicas behind a cluster (deploy/local/up.sh --replicas 2, Kubernetes), a request whose replica
/// cannot be reached goes to another one instead of failing: always when it never reached the replica (connection
/// refused: nothing was applied), and also when the connection broke mid-way for a request that is safe to repeat (GET,
/// HEAD, OPTIONS, or a write carrying an Idempotency-Key, which the service applies once however often it arrives). Each
/// destination is tried at most once; when all failed, <see cref="UpstreamProblems"/> answers 502/504 as before.
/// A write's body is buffered (up to the gateway's request size limit) so that it can be sent again.
/// </summary>
public static class Retries
{
    public static IReverseProxyApplicationBuilder UseRetryOnAnotherReplica(this IReverseProxyApplicationBuilder pipeline)
    {
        pipeline.Use(async (context, next) =>
        {
            var proxy = context.GetReverseProxyFeature();
            if (proxy.AllDestinations.Count < 2)
            {
                await next();
                return;
            }

            var repeatable = Repeatable(context.Request);
            if (repeatable) context.Request.EnableBuffering();
            var available = proxy.AvailableDestinations;
            var tried = new HashSet<DestinationState>();
            while (true)
            {
                await next();
                if (context.GetForwarderErrorFeature() is not { } error || context.Response.HasStarted) return;
                if (!NeverReached(error) && !(repeatable && error.Error == ForwarderError.Request)) return;
                if (proxy.ProxiedDestination is { } failed) tried.Add(failed);
                var rest = available.Where(d => !tried.Contains(d)).ToList();
                if (rest.Count == 0) rest = proxy.AllDestinations.Where(d => !tried.Contains(d)).ToList();
                if (rest.Count == 0 || context.RequestAborted.IsCancellationRequested) return;

                if (context.Request.Body.CanSeek) context.Request.Body.Position = 0;
                else if (!NeverReached(error)) return;
                context.Features.Set<IForwarderErrorFeature>(null);
                context.Response.StatusCode = StatusCodes.Status200OK;
                proxy.AvailableDestinations = rest;
            }
        });
        return pipeline;
    }

    private static bool Repeatable(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) ||
        request.Headers.ContainsKey("Idempotency-Key");

    /// <summary>The replica refused the connection (or was not there): the request never reached it.</summary>
    private static bool NeverReached(IForwarderErrorFeature error) =>
        error.Error == ForwarderError.Request && error.Exception is { } e &&
        (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } ||
         e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } ||
         e.InnerException?.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused });
}
