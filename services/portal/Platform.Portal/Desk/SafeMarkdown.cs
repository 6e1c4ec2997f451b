using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Platform.Portal.Desk;

/// <summary>
/// Knowledge-base articles are Markdown written by agents and read by everyone, so rendering must not let an article
/// run script in a reader's session: raw HTML is shown as text (DisableHtml), and a link or image whose address is not
/// http(s), mailto or relative (javascript:, data:, vbscript:…) loses it. No extension that writes attributes.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables().UseEmphasisExtras().UseTaskLists().UseAutoLinks().DisableHtml().Build();

    public static string ToHtml(string? markdown)
    {
        var document = Markdig.Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
            if (!IsSafe(link.Url)) link.Url = "";
        foreach (var link in document.Descendants<AutolinkInline>())
            if (!IsSafe(link.Url)) link.Url = "";
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>http, https and mailto addresses, and relative ones (no scheme before the first / ? #).</summary>
    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        var u = url.Trim();
        var colon = u.IndexOf(':');
        if (colon < 0) return true;
        var end = u.IndexOfAny(['/', '?', '#']);
        if (end >= 0 && end < colon) return true;
        var scheme = u[..colon].ToLowerInvariant();
        return scheme is "http" or "https" or "mailto";
    }
}
