using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CivilAffairs.Tests.Architecture;

/// <summary>
/// The UI speaks Chinese by default and English on <c>?culture=en</c>: every resource has its translation, and no page
/// writes Chinese text of its own past the resources (the user admin once showed role names in Chinese to everyone).
/// </summary>
public sealed partial class LocalizationTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> ResourceSets => new() { "Dashboard/Resources/SharedResource", "Domain/Resources/Messages" };

    [Theory]
    [MemberData(nameof(ResourceSets))]
    public void Every_resource_has_an_English_translation_and_every_translation_a_resource(string set)
    {
        var chinese = Entries($"{set}.resx");
        var english = Entries($"{set}.en.resx");

        Assert.Empty(chinese.Keys.Except(english.Keys).Order());
        Assert.Empty(english.Keys.Except(chinese.Keys).Order());
        Assert.Empty(english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key));
        // A translation left in Chinese is no translation (names of the bureau's documents may stay, inside a sentence).
        Assert.Empty(english.Where(e => Cjk().IsMatch(e.Value) && !Latin().IsMatch(e.Value)).Select(e => e.Key));
    }

    [Fact]
    public void No_page_writes_Chinese_text_past_the_resources()
    {
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "Dashboard", "Components"), "*.razor*", SearchOption.AllDirectories))
        {
            var text = RazorComment().Replace(File.ReadAllText(file), "");
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = LineComment().Replace(lines[i], "");
                if (!Cjk().IsMatch(line) || IsData(lines, i)) continue;
                offenders.Add($"{Path.GetRelativePath(Root, file)}:{i + 1}: {line.Trim()}");
            }
        }
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    // Chinese that is data, not UI: the names of files handed to the bureau, the audit trail's reasons, input parsed.
    private static bool IsData(string[] lines, int i) =>
        lines[i].Contains(".xlsx") || lines[i].Contains(".Replace(")
        || Enumerable.Range(Math.Max(0, i - 2), Math.Min(3, i + 1)).Any(j => lines[j].Contains("AuditEvent(") || lines[j].Contains("Audit.RecordAsync("));

    private static Dictionary<string, string> Entries(string relative) =>
        XDocument.Load(Path.Combine(Root, relative)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CivilAffairs.Dashboard.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The solution's folder was not found above the test binaries.");
    }

    [GeneratedRegex(@"[\u4e00-\u9fff]")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"[A-Za-z]{3,}")]
    private static partial Regex Latin();

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex(@"^\s*///?.*$|\s//\s.*$")]
    private static partial Regex LineComment();
}
