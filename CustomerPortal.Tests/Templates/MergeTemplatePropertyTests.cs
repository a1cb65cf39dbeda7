using System.Text.RegularExpressions;
using CustomerPortal.Core.Templates.MergeTags;

namespace CustomerPortal.Tests.Templates;

/// <summary>Random text made mostly of the characters that matter to the parser: it renders or gives problems, never anything else.</summary>
public sealed class MergeTemplatePropertyTests
{
    private static readonly string[] Pieces = ["{{", "}}", "{", "}", "|", " ", "\n", "\r\n", "A", "NAME", "_", "1", "é", "<", "&", "x", "CUSTOMER_NAME", "😀"];

    /// <summary>The grammar said another way: a field is "{{" then text without a line break, "{{" or "}}", then "}}".</summary>
    private static readonly Regex Field = new(@"\{\{((?:(?!\{\{|\}\})[^\r\n])*)\}\}");

    private static string Expected(string source, MergeValues values) => Field.Replace(source, match =>
    {
        var inside = match.Groups[1].Value;
        var bar = inside.IndexOf('|');
        var value = values.Get((bar < 0 ? inside : inside[..bar]).Trim().ToUpperInvariant());
        return string.IsNullOrEmpty(value) ? (bar < 0 ? "" : inside[(bar + 1)..].Trim()) : value;
    });

    [Fact]
    public void RandomText_EitherRendersOrReportsProblemsInsideTheText_NeverThrows()
    {
        var random = new Random(1129);
        var values = new MergeValues().Set("A", "<v>").Set("NAME", "{{A}}").Set("CUSTOMER_NAME", "Ana");
        for (var iteration = 0; iteration < 20_000; iteration++)
        {
            var source = string.Concat(Enumerable.Range(0, random.Next(0, 16)).Select(_ => Pieces[random.Next(Pieces.Length)]));

            var parse = MergeTemplate.Parse(source);

            Assert.True(parse.Succeeded != (parse.Problems.Count > 0), source);
            if (parse.Succeeded)
            {
                Assert.Equal(Expected(source, values), parse.Template!.Render(values, MergeEncoding.PlainText));
                parse.Template.Render(values, MergeEncoding.Html);
            }
            else
            {
                var lines = source.Split('\n');
                foreach (var problem in parse.Problems)
                {
                    Assert.InRange(problem.Line, 1, lines.Length);
                    Assert.StartsWith("{{", lines[problem.Line - 1][(problem.Column - 1)..]);
                }
            }
        }
    }
}
