using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Platform.Portal.BrowserTests;

/// <summary>
/// Every string of the portal exists in English and in Japanese (no browser needed): the two resource files name the
/// same keys, none is empty, and every key the components ask for is there.
/// </summary>
public sealed partial class ResourceTests
{
    private static readonly string Portal = Path.Combine(Repository.Root, "services", "portal", "Platform.Portal");

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Portal, "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [Fact]
    public void English_and_Japanese_have_the_same_keys_and_no_empty_string()
    {
        var en = Read("SharedResource.resx");
        var ja = Read("SharedResource.ja.resx");
        en.Keys.Except(ja.Keys).ShouldBeEmpty("keys without a Japanese string");
        ja.Keys.Except(en.Keys).ShouldBeEmpty("keys without an English string");
        en.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key).ShouldBeEmpty();
        ja.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key).ShouldBeEmpty();
        // Japanese screens read Japanese: only names and codes may stay as they are, and the earned-value acronyms (BAC,
        // CPI, EAC…), which Japanese project management writes as they are; their spelled-out names (*.Long) are translated.
        ja.Where(kv => kv.Value == en[kv.Key] && kv.Key is not ("AppName")
                && !(kv.Key.StartsWith("Pmo.Cost.", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(kv.Value, "^[A-Z]{2,4}$")))
            .Select(kv => kv.Key).ShouldBeEmpty("untranslated");
    }

    [Fact]
    public void Every_key_the_components_use_exists()
    {
        var keys = Read("SharedResource.resx").Keys.ToHashSet();
        var used = Directory.GetFiles(Path.Combine(Portal, "Components"), "*.razor", SearchOption.AllDirectories)
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();
        // Keys built from API values: every status, workflow action and level the API names.
        used.UnionWith(new[] { "New", "Assigned", "InProgress", "Pending", "WithProject", "Resolved", "Closed", "All" }.Select(s => $"Status.{s}"));
        used.UnionWith(new[] { "Start", "Pend", "Resume", "Resolve", "Close", "Reopen" }.Select(a => $"Action.{a}"));
        used.UnionWith(new[] { "Low", "Medium", "High" }.Select(l => $"Level.{l}"));
        used.Except(keys).ShouldBeEmpty("keys used but not in SharedResource.resx");
    }

    [GeneratedRegex("""L\["([A-Za-z.]+)"\]""")]
    private static partial Regex LiteralKey();
}
