using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Platform.ServiceDefaults;

/// <summary>
/// What a service's OpenAPI document says in words: the API's description, one line per tag, and per operation
/// (keyed by its endpoint name, <c>WithName</c>) a summary, a description, the ProblemDetails answers it gives besides
/// the common ones, and an example request body. Kept apart from the endpoint code so that behaviour and wording
/// change independently; the lint test (tests/Platform.EndToEnd.Tests/OpenApiLintTests.cs) fails when an operation
/// has no summary.
/// </summary>
public sealed class ApiDocs
{
    public required string Title { get; init; }

    public required string Description { get; init; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Op> Operations { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// One operation's words. <paramref name="Problems"/>: the 4xx statuses its handler (or the domain rules it calls)
/// answers with a ProblemDetails, besides those added for every operation (<see cref="ApiDocsExtensions"/>).
/// <paramref name="Example"/>: a JSON request body, or for a non-JSON body its text.
/// </summary>
public sealed record Op(string Summary, string Description, int[]? Problems = null, string? Example = null);

/// <summary>
/// The document-wide parts: a <c>servers</c> entry (the gateway, relative), a license line, tag descriptions, and on
/// every operation the answers that come from the shared pipeline rather than from the handler:
/// <list type="bullet">
/// <item>401 on every operation that needs a token; 403 when its policy asks for a scope or a role.</item>
/// <item>400 on every operation that takes parameters or a body: binding failures, control characters in the URL
/// and query strings, and values the database refuses are answered 400 by <see cref="ProblemExceptionHandler"/> and
/// <see cref="EdgeInput"/>.</item>
/// <item>409 on every write that needs a token: a business rule (<see cref="DomainException"/>), a concurrent edit
/// (<c>concurrency-conflict</c>) or a duplicate (<c>duplicate</c>) is answered 409 by the exception handler.</item>
/// <item>On every POST that needs a token: the optional <c>Idempotency-Key</c> header (Platform.Messaging's
/// IdempotencyKeyMiddleware), with its 409 (<c>idempotency-key-in-progress</c>) and 422 (<c>idempotency-key-reused</c>).</item>
/// </list>
/// </summary>
public static class ApiDocsExtensions
{
    private const string ProblemJson = "application/problem+json";

    private static readonly Dictionary<int, string> Reasons = new()
    {
        [400] = "Bad request: a parameter or the body is malformed or invalid (ProblemDetails; field errors under `errors`).",
        [401] = "No valid bearer token.",
        [403] = "The token lacks the scope or role this operation needs, or the caller may not act on this resource.",
        [404] = "Not found (also answered for a resource the caller may not see, so that ids do not leak).",
        [409] = "Conflict (`code` says which): a business rule refuses the change in the resource's current state, someone changed the resource meanwhile, it already exists, or the first request with this Idempotency-Key is still running.",
        [413] = "The body is larger than allowed.",
        [415] = "The body's media type is not accepted.",
        [422] = "Unprocessable (`code` says why): the request is well-formed but cannot be carried out, or its Idempotency-Key was used for a different request.",
    };

    /// <summary>Registers the service's words with its OpenAPI document (after <c>AddServiceDefaults</c>).</summary>
    public static IServiceCollection AddApiDocs(this IServiceCollection services, ApiDocs docs) =>
        services.Configure<OpenApiOptions>("v1", (OpenApiOptions options) =>
        {
            options.AddOperationTransformer((operation, context, _) =>
            {
                Describe(operation, context.Description.ActionDescriptor.EndpointMetadata, context.Description.HttpMethod, docs, context.Document);
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = docs.Title;
                document.Info.Description = docs.Description;
                foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
                    if (tag.Name is { } name && docs.Tags.TryGetValue(name, out var text)) tag.Description = text;
                EnsureProblemSchema(document);
                return Task.CompletedTask;
            });
        });

    private static void Describe(OpenApiOperation operation, IList<object> metadata, string? method, ApiDocs docs, OpenApiDocument? document)
    {
        var name = metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
        var op = name is null ? null : docs.Operations.GetValueOrDefault(name);
        if (op is not null)
        {
            operation.Summary = op.Summary;
            operation.Description = op.Description;
            if (op.Example is { } example)
            {
                // A handler that reads the body itself (signed hooks) has none in the document: say it is JSON.
                operation.RequestBody ??= new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } } },
                };
                foreach (var (type, media) in operation.RequestBody.Content ?? new Dictionary<string, OpenApiMediaType>())
                {
                    if (type.Contains("json", StringComparison.Ordinal))
                    {
                        media.Example = JsonNode.Parse(example);
                        continue;
                    }

                    // A text body (the CSV import): its example is the text; an untyped schema becomes a string.
                    media.Example = JsonValue.Create(example);
                    if (media.Schema is OpenApiSchema { Type: null } schema) schema.Type = JsonSchemaType.String;
                }
            }
        }

        // Route values the handler takes as text (ids or keys such as HD-42) come out untyped: say they are strings.
        foreach (var parameter in operation.Parameters ?? [])
            if (parameter is OpenApiParameter { In: ParameterLocation.Path, Schema: OpenApiSchema { Type: null } untyped } && untyped.AllOf is not { Count: > 0 })
                untyped.Type = JsonSchemaType.String;

        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        var hasInput = operation.RequestBody is not null || operation.Parameters is { Count: > 0 };
        var isWrite = method is not null && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method);

        var statuses = new SortedSet<int>(op?.Problems ?? []);
        if (hasInput) statuses.Add(400);
        if (anonymous)
        {
            operation.Security = []; // no bearer token (signed hooks); the document-wide requirement applies to the rest
        }
        else
        {
            statuses.Add(401); // the fallback policy asks every other endpoint for an authenticated caller
            if (authorize.Any(a => a.Policy is not null || a.Roles is not null)) statuses.Add(403);
        }

        if (isWrite && !anonymous) statuses.Add(409);
        // Every service with ApiDocs runs UseIdempotencyKeys; the middleware skips anonymous endpoints and those marked
        // WithoutIdempotencyKeys (Platform.Messaging, which this project cannot reference: matched by the marker's name).
        if (method is not null && HttpMethods.IsPost(method) && !anonymous
            && !metadata.Any(m => m.GetType().Name == "WithoutIdempotencyKeysMetadata"))
        {
            statuses.Add(400); // idempotency-key-invalid
            statuses.Add(422);
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "Idempotency-Key",
                In = ParameterLocation.Header,
                Required = false,
                Description = "Makes a retried POST land once: the same key and request within the retention period replays the first answer (marked `Idempotent-Replayed: true`) without running again. 1 to 255 visible ASCII characters, e.g. a UUID.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
                Example = JsonValue.Create("3f0c2a9e-5d1b-4c7e-9a51-0b6d2e8f4a17"),
            });
        }

        operation.Responses ??= new OpenApiResponses();
        foreach (var status in statuses)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.ContainsKey(key)) continue; // e.g. 400 ValidationProblem, from the handler's type
            operation.Responses[key] = new OpenApiResponse
            {
                Description = Reasons.GetValueOrDefault(status, "Error (ProblemDetails)."),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemJson] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
                },
            };
        }
    }

    /// <summary>RFC 9457 ProblemDetails, as <see cref="Problems"/> and the exception handler write it.</summary>
    private static void EnsureProblemSchema(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (document.Components.Schemas.ContainsKey("ProblemDetails")) return;
        document.Components.Schemas["ProblemDetails"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details. `code` names the rule for 409 and 422 answers; `traceId` finds the request in the logs.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Machine-readable reason (409, 422 and some 400 answers)." },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        };
    }
}
