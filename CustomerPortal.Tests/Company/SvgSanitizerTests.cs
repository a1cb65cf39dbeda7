using System.Text;
using CustomerPortal.Core.Company;

namespace CustomerPortal.Tests.Company;

public sealed class SvgSanitizerTests
{
    private static string Clean(string svg) => Encoding.UTF8.GetString(SvgSanitizer.Sanitize(Encoding.UTF8.GetBytes(svg)) ?? throw new InvalidOperationException("Refused."));

    private const string Open = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 100 40\">";

    [Fact]
    public void Sanitize_KeepsDrawingAndStyling()
    {
        var clean = Clean(Open + "<defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#fff\"/></linearGradient></defs>" +
                          "<style>.a{fill:url(#g)}</style><g class=\"a\"><path d=\"M0 0L10 10\" stroke=\"#000\"/><text x=\"1\" y=\"9\">Acme &amp; Co</text></g></svg>");

        Assert.Contains("viewBox=\"0 0 100 40\"", clean);
        Assert.Contains("<linearGradient id=\"g\">", clean);
        Assert.Contains(".a{fill:url(#g)}", clean);
        Assert.Contains("<path d=\"M0 0L10 10\" stroke=\"#000\"", clean);
        Assert.Contains("Acme &amp; Co", clean);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "alert")]
    [InlineData("<rect width=\"1\" height=\"1\" onload=\"alert(1)\"/>", "onload")]
    [InlineData("<a href=\"javascript:alert(1)\"><rect width=\"1\" height=\"1\"/></a>", "javascript")]
    [InlineData("<image href=\"https://evil.example/x.png\"/>", "evil")]
    [InlineData("<use xlink:href=\"https://evil.example/s.svg#a\"/>", "evil")]
    [InlineData("<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">hi</div></foreignObject>", "foreignObject")]
    [InlineData("<style>@import url(https://evil.example/x.css);</style>", "evil")]
    [InlineData("<rect width=\"1\" height=\"1\" style=\"fill:url(https://evil.example/p)\"/>", "evil")]
    [InlineData("<rect width=\"1\" height=\"1\" fill=\"url(https://evil.example/p)\"/>", "evil")]
    [InlineData("<animate attributeName=\"href\" to=\"javascript:alert(1)\"/>", "javascript")]
    public void Sanitize_RemovesAnythingThatRunsOrLoads(string inner, string mustNotAppear)
    {
        var clean = Clean(Open + inner + "<rect width=\"5\" height=\"5\"/></svg>");

        Assert.DoesNotContain(mustNotAppear, clean, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<rect width=\"5\" height=\"5\"", clean);
    }

    [Fact]
    public void Sanitize_KeepsLocalReferences()
    {
        var clean = Clean(Open + "<defs><symbol id=\"s\"><circle r=\"2\"/></symbol></defs><use xlink:href=\"#s\"/><use href=\"#s\"/></svg>");

        Assert.Contains("href=\"#s\"", clean);
    }

    [Fact]
    public void Sanitize_DoctypeWithEntity_IsNotExpanded()
    {
        var svg = "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + Open + "<text>&xxe;</text></svg>";

        Assert.Null(SvgSanitizer.Sanitize(Encoding.UTF8.GetBytes(svg)));
    }

    [Theory]
    [InlineData("<html><svg xmlns=\"http://www.w3.org/2000/svg\"/></html>")]
    [InlineData("<svg><rect/></svg>")]
    public void Sanitize_NotAnSvgDocument_IsRefused(string content) =>
        Assert.Null(SvgSanitizer.Sanitize(Encoding.UTF8.GetBytes(content)));
}
