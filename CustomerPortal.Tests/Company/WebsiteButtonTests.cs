using CustomerPortal.Core.Company;
using CustomerPortal.Core.Customers;

namespace CustomerPortal.Tests.Company;

public sealed class WebsiteButtonTests
{
    [Fact]
    public void Snippet_CompanyNameWithHtml_IsEncoded()
    {
        var snippet = WebsiteButton.Snippet("<script>alert(1)</script> O'Brien & \"Sons\"", "#1565C0", "https://portal.example/portal/login");

        Assert.DoesNotContain("<script>", snippet);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; O&#39;Brien &amp; &quot;Sons&quot; customer portal", snippet);
        Assert.Equal(1, CountOf(snippet, "<a "));
        Assert.EndsWith("</a>", snippet);
    }

    [Fact]
    public void Snippet_IsOneStyledLinkToThePortalWithoutScript()
    {
        var snippet = WebsiteButton.Snippet("Acme", "#2e7d32", "https://portal.example/portal/login?a=1&b=2");

        Assert.StartsWith("<a href=\"https://portal.example/portal/login?a=1&amp;b=2\"", snippet);
        Assert.Contains("background-color:#2E7D32", snippet);
        Assert.Contains("target=\"_top\"", snippet);
        Assert.DoesNotContain("<script", snippet, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" on", snippet.Replace(" only", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("red")]
    [InlineData("#12345")]
    [InlineData("#1234567;background:url(x)")]
    [InlineData("")]
    public void Snippet_InvalidColour_FallsBackToTheDefaultAccent(string colour)
    {
        var snippet = WebsiteButton.Snippet("Acme", colour, "https://portal.example/portal/login");

        Assert.Contains($"background-color:{WebsiteButton.DefaultAccent}", snippet);
        Assert.DoesNotContain("url(", snippet);
    }

    [Theory]
    [InlineData("#FFFFFF", "#111111")]
    [InlineData("#FFEB3B", "#111111")]
    [InlineData("#1565C0", "#FFFFFF")]
    [InlineData("#000000", "#FFFFFF")]
    public void TextColorOn_PicksTheReadableOne(string background, string expected) =>
        Assert.Equal(expected, WebsiteButton.TextColorOn(background));

    [Theory]
    [InlineData("https://portal.example/", "/portal/login", "https://portal.example/portal/login")]
    [InlineData("https://portal.example/app/", "/portal/login", "https://portal.example/app/portal/login")]
    [InlineData("https://portal.example", "portal/login", "https://portal.example/portal/login")]
    public void PortalLinks_Absolute_JoinsBaseAndPath(string baseUrl, string path, string expected) =>
        Assert.Equal(expected, PortalUrls.Absolute(baseUrl, path));

    [Fact]
    public void PortalLinks_CustomerUrl_UsesTheIdentifier() =>
        Assert.Equal("https://portal.example/portal/c/smith-family", PortalUrls.CustomerUrl("https://portal.example/", "smith-family"));

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
