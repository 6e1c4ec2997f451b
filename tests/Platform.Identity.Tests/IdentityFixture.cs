using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Identity.Data;

namespace Platform.Identity.Tests;

/// <summary>A database of the test's own on the test PostgreSQL server, on which identity instances can be started (and restarted).</summary>
public sealed class IdentityDatabase : IAsyncDisposable
{
    public const string Issuer = "http://localhost/";
    public const string Audience = "platform-api";

    private readonly IsolatedServers _servers;

    private IdentityDatabase(IsolatedServers servers, string connectionString)
    {
        _servers = servers;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>The test's own database server and broker virtual host (a <see cref="BusProbe"/> listens there).</summary>
    public IsolatedServers Servers => _servers;

    /// <summary>Settings added to every instance started from now on (SMTP, Scim:GroupRoles…).</summary>
    public Dictionary<string, string?> Extra { get; } = [];

    public static async Task<IdentityDatabase> CreateAsync()
    {
        var servers = await IsolatedServers.CreateAsync("identity");
        return new IdentityDatabase(servers, servers.Database("identity"));
    }

    public Dictionary<string, string?> Settings
    {
        get
        {
            var s = _servers.Servers;
            var settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Identity"] = ConnectionString,
                ["Identity:Issuer"] = Issuer,
                ["Identity:RequireHttps"] = "false",
                ["RabbitMq:Host"] = s.RabbitMq.Host,
                ["RabbitMq:Port"] = s.RabbitMq.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RabbitMq:VirtualHost"] = _servers.VirtualHost,
                ["RabbitMq:Username"] = s.RabbitUser,
                ["RabbitMq:Password"] = s.RabbitPassword,
            };
            foreach (var (key, value) in Extra) settings[key] = value;
            return settings;
        }
    }

    /// <summary>Starts an instance (migrating and seeding as a real start does) and waits until it is ready.</summary>
    public async Task<IdentityInstance> StartAsync()
    {
        var factory = new ServiceFactory<Program>(Settings);
        var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await Eventually.GetAsync(() => http.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60));
        return new IdentityInstance(factory, http);
    }

    public ValueTask DisposeAsync() => _servers.DisposeAsync();
}

/// <summary>One running identity service, in process.</summary>
public sealed class IdentityInstance(ServiceFactory<Program> factory, HttpClient http) : IAsyncDisposable
{
    public const string Password = "Passw0rd!";

    public HttpClient Http { get; } = http;

    /// <summary>A client that sends <paramref name="accessToken"/> as its bearer token (none when null).</summary>
    public HttpClient NewClient(string? accessToken)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (accessToken is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        return client;
    }

    /// <summary>A client with its own cookie jar that does not follow redirects: a browser, step by step.</summary>
    public HttpClient NewBrowser() =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public Task<HttpResponseMessage> TokenAsync(params (string Name, string Value)[] form) =>
        Http.PostAsync("/connect/token", Form(form));

    public static FormUrlEncodedContent Form(params (string Name, string Value)[] form) =>
        new(form.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    /// <summary>A password-grant token request through the platform-cli client, answered as it comes.</summary>
    public Task<HttpResponseMessage> PasswordGrantAsync(string user, string password = Password, string scope = "openid profile roles tickets projects") =>
        TokenAsync(("grant_type", "password"), ("client_id", "platform-cli"), ("username", user), ("password", password), ("scope", scope));

    /// <summary>A password-grant token response (as JSON) for a demo user through the platform-cli client.</summary>
    public async Task<JsonElement> PasswordTokenAsync(string user, string scope = "openid profile roles tickets projects")
    {
        return await (await PasswordGrantAsync(user, scope: scope)).ReadJsonAsync(HttpStatusCode.OK);
    }

    public async Task<JsonWebKeySet> JwksAsync()
    {
        var discovery = await (await Http.GetAsync("/.well-known/openid-configuration")).ReadJsonAsync();
        var jwksUri = new Uri(discovery.Str("jwks_uri"));
        return new JsonWebKeySet(await Http.GetStringAsync(jwksUri.PathAndQuery));
    }

    /// <summary>Validates a token as any JwtBearer resource server would: keys from the JWKS, issuer, audience, lifetime.</summary>
    public async Task<TokenValidationResult> ValidateAsync(string token) =>
        await Validate(token, await JwksAsync());

    public static Task<TokenValidationResult> Validate(string token, JsonWebKeySet jwks) =>
        new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = IdentityDatabase.Issuer,
            ValidAudience = IdentityDatabase.Audience,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
        });

    public async Task<T> WithDbAsync<T>(Func<IdentityStoreDbContext, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>());
    }

    public IServiceProvider Services => factory.Services;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await factory.DisposeAsync();
    }
}

/// <summary>One identity instance on a database of its own, shared by the tests of a class.</summary>
public sealed class IdentityFixture : IAsyncLifetime
{
    public IdentityDatabase Database { get; private set; } = null!;

    public IdentityInstance Service { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await IdentityDatabase.CreateAsync();
        Service = await Database.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public static class Pkce
{
    public static (string Verifier, string Challenge) Create()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return (verifier, challenge);
    }
}

public static class TokenClaims
{
    public static string[] All(this TokenValidationResult result, string type) =>
        result.ClaimsIdentity.FindAll(type).Select(c => c.Value).ToArray();

    public static string One(this TokenValidationResult result, string type) => result.All(type).ShouldHaveSingleItem();

    public static string[] Scopes(this TokenValidationResult result) =>
        result.All("scope").SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
}

/// <summary>What the token server answers when it refuses: an OAuth error (RFC 6749 §5.2).</summary>
public static class OAuthErrors
{
    /// <summary>The answer is <paramref name="status"/> (400 by default) with <paramref name="error"/> as its <c>error</c>.</summary>
    public static async Task ShouldBeOAuthErrorAsync(this HttpResponseMessage response, string error, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        response.StatusCode.ShouldBe(status);
        (await response.ReadJsonAsync()).Str("error").ShouldBe(error);
    }
}
