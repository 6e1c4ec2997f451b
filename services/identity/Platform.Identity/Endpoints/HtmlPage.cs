using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Identity.Endpoints;

/// <summary>The frame of identity's few server-rendered pages (sign in, set password): plain HTML, no script.</summary>
public static class HtmlPage
{
    public static ContentHttpResult Render(string title, string body, int status)
    {
        var html = $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{{Encode(title)}} · Platform</title>
              <style>
                body { font-family: system-ui, sans-serif; max-width: 22rem; margin: 4rem auto; padding: 0 1rem; }
                label { display: block; margin-top: 1rem; }
                input { width: 100%; padding: .4rem; box-sizing: border-box; }
                button { margin-top: 1.5rem; padding: .5rem 1.5rem; }
                .error { color: #b00020; } .ok { color: #1b5e20; }
              </style>
            </head>
            <body>
              <h1>{{Encode(title)}}</h1>
              {{body}}
            </body>
            </html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    public static string Encode(string? value) => WebUtility.HtmlEncode(value ?? "");
}
