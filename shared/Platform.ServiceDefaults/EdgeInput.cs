using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Platform.ServiceDefaults;

/// <summary>
/// The rules every service applies to what a client sends, at the edge, so that no endpoint has to remember them:
/// <list type="bullet">
/// <item>Text never holds NUL or another C0 control character (tab, CR and LF are allowed in JSON strings, which may be
/// multi-line; <see cref="Validator"/> refuses them in single-line fields). PostgreSQL cannot store U+0000 at all.</item>
/// <item>Timestamps are turned to UTC as they are read (a client may send any offset).</item>
/// <item>Dates and timestamps lie between <see cref="MinDate"/> and <see cref="MaxDate"/>, so that arithmetic on them
/// (a week after, an SLA deadline, a renewal) can never leave the calendar.</item>
/// <item>URL paths and query strings hold no control character at all.</item>
/// </list>
/// Invalid UTF-8 and lone surrogates are refused by System.Text.Json itself.
/// </summary>
public static class EdgeInput
{
    public static readonly DateOnly MinDate = new(1900, 1, 1);
    public static readonly DateOnly MaxDate = new(2999, 12, 31);

    public static string DateRangeMessage => $"must be a date between {MinDate:yyyy-MM-dd} and {MaxDate:yyyy-MM-dd}";

    /// <summary>The first character that text may not hold (C0 controls and DEL; tab, CR and LF when <paramref name="multiLine"/>), or null.</summary>
    public static char? ForbiddenChar(ReadOnlySpan<char> text, bool multiLine)
    {
        foreach (var c in text)
        {
            if (c >= 0x20 && c != 0x7F) continue;
            if (multiLine && c is '\t' or '\n' or '\r') continue;
            return c;
        }

        return null;
    }

    public static string Describe(char c) => $"U+{(int)c:X4}";

    public static bool InRange(DateOnly date) => date >= MinDate && date <= MaxDate;

    public static bool InRange(DateTimeOffset at) => InRange(DateOnly.FromDateTime(at.UtcDateTime));

    public static bool InRange(DateTime at) => InRange(DateOnly.FromDateTime(at));

    /// <summary>JSON options for request bodies: the converters below.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new TextConverter());
        options.Converters.Add(new DateConverter());
        options.Converters.Add(new DateTimeConverter());
        options.Converters.Add(new DateTimeOffsetConverter());
    }

    /// <summary>
    /// Refuses a request whose path or query string holds a control character, with a ProblemDetails naming the
    /// query parameter. Runs before the endpoint, so a route value or query parameter never reaches the database with one.
    /// </summary>
    public static async Task CheckRequestAsync(HttpContext context, Func<Task> next)
    {
        if (ForbiddenChar(context.Request.Path.Value, multiLine: false) is { } inPath)
        {
            await WriteAsync(context, new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Bad request",
                Detail = $"The URL path holds a control character ({Describe(inPath)}).",
                Extensions = { ["code"] = "invalid-path" },
            });
            return;
        }

        if (context.Request.QueryString.HasValue)
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var (key, values) in context.Request.Query)
            {
                // A parameter whose very name holds a control character is reported as "query".
                var inKey = ForbiddenChar(key, multiLine: false);
                var name = inKey is null ? key : "query";
                foreach (var value in values)
                {
                    if ((inKey ?? ForbiddenChar(value, multiLine: false)) is { } c)
                        errors[name] = [$"'{name}' holds a control character ({Describe(c)})."];
                }
            }

            if (errors.Count > 0)
            {
                await WriteAsync(context, new HttpValidationProblemDetails(errors)
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "One or more fields are invalid.",
                });
                return;
            }
        }

        await next();
    }

    private static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status!.Value;
        var service = context.RequestServices.GetService(typeof(IProblemDetailsService)) as IProblemDetailsService;
        if (service is null || !await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
            await context.Response.WriteAsJsonAsync(problem, (JsonSerializerOptions?)null, "application/problem+json");
    }

    private sealed class TextConverter : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String) throw new JsonException();
            return Checked(reader.GetString()!);
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Checked(reader.GetString()!);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value);

        private static string Checked(string value) => ForbiddenChar(value, multiLine: true) is { } c
            ? throw new InvalidInputException($"holds a control character ({Describe(c)}), which text may not contain")
            : value;
    }

    private sealed class DateConverter : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String
                || !DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new InvalidInputException("must be a date written yyyy-MM-dd");
            return InRange(date) ? date : throw new InvalidInputException(DateRangeMessage);
        }

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private sealed class DateTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTime(out var value))
                throw new InvalidInputException("must be a timestamp in ISO 8601 (2026-11-30T09:00:00Z)");
            return InRange(value) ? value : throw new InvalidInputException(DateRangeMessage);
        }

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    private sealed class DateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
                throw new InvalidInputException("must be a timestamp in ISO 8601 (2026-11-30T09:00:00Z)");
            // Kept in UTC from here on (PostgreSQL's timestamptz takes no other offset): 12:00+09:00 is 03:00Z.
            return InRange(value) ? value.ToUniversalTime() : throw new InvalidInputException(DateRangeMessage);
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}

/// <summary>A value in a request body that breaks an <see cref="EdgeInput"/> rule; the path says which field.</summary>
public sealed class InvalidInputException(string message) : JsonException(message)
{
    /// <summary>The field as the client named it: "$.items[0].title" → "items[0].title".</summary>
    public string Field => string.IsNullOrEmpty(Path) || Path == "$" ? "body" : Path.StartsWith("$.", StringComparison.Ordinal) ? Path[2..] : Path.TrimStart('$');
}
