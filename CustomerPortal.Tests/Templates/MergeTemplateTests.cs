using CustomerPortal.Core.Templates.MergeTags;

namespace CustomerPortal.Tests.Templates;

public sealed class MergeTemplateTests
{
    private static MergeTemplate Parsed(string source)
    {
        var parse = MergeTemplate.Parse(source);
        Assert.True(parse.Succeeded, string.Join("; ", parse.Problems));
        return parse.Template!;
    }

    [Fact]
    public void Render_FillsEachFieldWithItsValue_AndKeepsTheTextAroundIt()
    {
        var template = Parsed("Hi {{CUSTOMER_FIRST_NAME}}, invoice {{INVOICE_NUMBER}} is due.");
        var values = new MergeValues().Set("CUSTOMER_FIRST_NAME", "Ana").Set("INVOICE_NUMBER", "INV-7");

        Assert.Equal("Hi Ana, invoice INV-7 is due.", template.Render(values, MergeEncoding.PlainText));
        Assert.Equal(["CUSTOMER_FIRST_NAME", "INVOICE_NUMBER"], template.Tags);
    }

    [Theory]
    [InlineData("{{CUSTOMER_FIRST_NAME|there}}", null, "there")]
    [InlineData("{{CUSTOMER_FIRST_NAME|there}}", "", "there")]
    [InlineData("{{CUSTOMER_FIRST_NAME|there}}", "Ana", "Ana")]
    [InlineData("{{CUSTOMER_FIRST_NAME}}", null, "")]
    [InlineData("{{ CUSTOMER_FIRST_NAME | dear customer }}", null, "dear customer")]
    [InlineData("{{customer_first_name}}", "Ana", "Ana")]
    public void Render_UsesTheFallback_OnlyWhenTheValueIsMissingOrEmpty(string source, string? value, string expected)
    {
        var values = new MergeValues();
        if (value is not null) values.Set("CUSTOMER_FIRST_NAME", value);

        Assert.Equal(expected, Parsed(source).Render(values, MergeEncoding.PlainText));
    }

    [Fact]
    public void Render_HtmlEncodesValuesAndFallbacks_InHtml_AndLeavesThemPlain_InText()
    {
        var template = Parsed("<p>Hi {{CUSTOMER_NAME}} from {{COMPANY_NAME|<Us & Co>}}</p>");
        var values = new MergeValues().Set("CUSTOMER_NAME", "<script>alert('x')</script> & \"Sons\" Ünal");

        var html = template.Render(values, MergeEncoding.Html);
        var text = template.Render(values, MergeEncoding.PlainText);

        Assert.Equal("<p>Hi &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Sons&quot; Ünal from &lt;Us &amp; Co&gt;</p>", html);
        Assert.Equal("<p>Hi <script>alert('x')</script> & \"Sons\" Ünal from <Us & Co></p>", text);
    }

    [Fact]
    public void Render_KeepsTheLinesOfAValue_AsLineBreaksInHtml()
    {
        var template = Parsed("<blockquote>{{MESSAGE_EXCERPT}}</blockquote>");
        var values = new MergeValues().Set("MESSAGE_EXCERPT", "One\r\nTwo <b>\nThree");

        Assert.Equal("<blockquote>One<br>\nTwo &lt;b&gt;<br>\nThree</blockquote>", template.Render(values, MergeEncoding.Html));
        Assert.Equal("<blockquote>One\r\nTwo <b>\nThree</blockquote>", template.Render(values, MergeEncoding.PlainText));
    }

    [Fact]
    public void Render_PrintsAValueThatLooksLikeAField_Literally()
    {
        var template = Parsed("Note: {{MESSAGE_EXCERPT}} / {{SIGN_IN_LINK}}");
        var values = new MergeValues().Set("MESSAGE_EXCERPT", "{{SIGN_IN_LINK}} and {{SIGN_IN_LINK|x}}").Set("SIGN_IN_LINK", "https://x.test/l/1");

        Assert.Equal("Note: {{SIGN_IN_LINK}} and {{SIGN_IN_LINK|x}} / https://x.test/l/1", template.Render(values, MergeEncoding.PlainText));
    }

    [Fact]
    public void Render_OfATemplateWithoutFields_IsItsText()
    {
        Assert.Equal("Plain text, a { brace } and CSS @media{a{b:c}}", Parsed("Plain text, a { brace } and CSS @media{a{b:c}}").Render(new MergeValues(), MergeEncoding.Html));
        Assert.Equal("", Parsed("").Render(new MergeValues(), MergeEncoding.Html));
    }

    [Fact]
    public void Render_OfValuesFarLongerThanTheTemplate_IsWhole()
    {
        var template = Parsed("[{{MESSAGE_EXCERPT}}]({{JOB_TITLE}})");
        var values = new MergeValues().Set("MESSAGE_EXCERPT", string.Concat(Enumerable.Repeat("a<b&", 25_000))).Set("JOB_TITLE", new string('x', 70_000));

        var html = template.Render(values, MergeEncoding.Html);

        Assert.Equal("[" + string.Concat(Enumerable.Repeat("a&lt;b&amp;", 25_000)) + "](" + new string('x', 70_000) + ")", html);
    }

    [Fact]
    public void Render_RepeatsAFieldUsedTwice_AndListsItOnce()
    {
        var template = Parsed("{{JOB_TITLE}}{{JOB_TITLE}}-{{JOB_TITLE}}");

        Assert.Equal("ABAB-AB", template.Render(new MergeValues().Set("JOB_TITLE", "AB"), MergeEncoding.PlainText));
        Assert.Single(template.Tags);
    }

    [Theory]
    [InlineData("Hello {{CUSTOMER_NAME", 1, 7, "not closed")]
    [InlineData("Line one\nLine two {{CUSTOMER_NAME\n}}", 2, 10, "not closed")]
    [InlineData("a\r\nb\r\n  {{}}", 3, 3, "no name")]
    [InlineData("x {{ | fallback}}", 1, 3, "no name")]
    [InlineData("x {{CUSTOMER NAME}}", 1, 3, "not a field name")]
    [InlineData("x {{1ST}}", 1, 3, "not a field name")]
    [InlineData("x {{{CUSTOMER_NAME}}}", 1, 3, "not a field name")]
    [InlineData("x {{A {{B}}", 1, 3, "not closed")]
    public void Parse_ReportsABrokenField_WithItsLineAndColumn(string source, int line, int column, string says)
    {
        var parse = MergeTemplate.Parse(source);

        Assert.False(parse.Succeeded);
        var problem = Assert.Single(parse.Problems);
        Assert.Equal((line, column), (problem.Line, problem.Column));
        Assert.Contains(says, problem.Message);
    }

    [Fact]
    public void Parse_ReportsEveryProblem_NotOnlyTheFirst()
    {
        var parse = MergeTemplate.Parse("{{}} ok {{GOOD}}\n{{BAD NAME}} {{UNCLOSED");

        Assert.Equal([(1, 1), (2, 1), (2, 14)], parse.Problems.Select(p => (p.Line, p.Column)));
    }

    [Fact]
    public void Parse_TreatsAStrayClosingBrace_AsText_SoCssInAnEmailStillWorks()
    {
        var template = Parsed("<style>@media (max-width:600px){.a{width:100%}}</style>{{COMPANY_NAME}}");

        Assert.Equal("<style>@media (max-width:600px){.a{width:100%}}</style>Acme", template.Render(new MergeValues().Set("COMPANY_NAME", "Acme"), MergeEncoding.Html));
    }

    [Fact]
    public void Parse_WithAllowedFields_RefusesOthers_AndSaysWhy()
    {
        var parse = MergeTemplate.Parse("{{A}} {{B}}", new HashSet<string> { "A" }, name => $"no {name} here");

        var problem = Assert.Single(parse.Problems);
        Assert.Equal((1, 7, "no B here"), (problem.Line, problem.Column, problem.Message));
    }
}
