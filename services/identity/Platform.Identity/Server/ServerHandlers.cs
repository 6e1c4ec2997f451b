using Microsoft.AspNetCore;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Platform.Identity.Server;

/// <summary>
/// Makes OpenIddict see every request as addressed to the configured issuer. Clients reach the token server
/// through the gateway, which does not forward the original Host: without this, the discovery document would
/// advertise the service's internal address for its endpoints. Runs right after OpenIddict has read the request
/// URI from ASP.NET Core and before it matches the URI against its endpoints.
/// </summary>
public sealed class UseIssuerAsBaseUri : IOpenIddictServerHandler<ProcessRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
            .UseSingletonHandler<UseIssuerAsBaseUri>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ResolveRequestUri.Descriptor.Order + 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessRequestContext context)
    {
        var request = context.Transaction.GetHttpRequest();
        if (request is null || context.Options.Issuer is not { } issuer) return ValueTask.CompletedTask;

        context.BaseUri = issuer;
        context.RequestUri = new Uri(issuer, request.Path.ToUriComponent().TrimStart('/') + request.QueryString.ToUriComponent());
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Answers a token request for a scope the client may not use with the standard "invalid_scope" error
/// (RFC 6749 §5.2) rather than OpenIddict's generic "invalid_request". Runs after client authentication, so a
/// wrong secret is still "invalid_client".
/// </summary>
public sealed class RejectScopesNotPermitted(IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseScopedHandler<RejectScopesNotPermitted>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateScopePermissions.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if (string.IsNullOrEmpty(context.ClientId)) return;
        var application = await applications.FindByClientIdAsync(context.ClientId);
        if (application is null) return;

        foreach (var scope in context.Request.GetScopes())
        {
            if (scope is Scopes.OpenId or Scopes.OfflineAccess) continue;
            if (await applications.HasPermissionAsync(application, Permissions.Prefixes.Scope + scope)) continue;

            context.Reject(
                error: Errors.InvalidScope,
                description: $"The client '{context.ClientId}' is not allowed to request the '{scope}' scope.");
            return;
        }
    }
}
