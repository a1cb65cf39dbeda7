using CustomerPortal.Core.Templates;

namespace CustomerPortal.Tests.Templates;

public sealed class HtmlToTextTests
{
    [Fact]
    public void KeepsParagraphsAndLineBreaks_DropsMarkupAndStyles_DecodesEntities()
    {
        var text = HtmlToText.Convert("""
            <html><head><style>p { color: red }</style></head><body>
            <h1>Hello   Ana</h1>
            <p>Line one<br>line two &amp; more &lt;b&gt;</p>
            <!-- a comment -->
            <ul><li>First</li><li>Second</li></ul>
            </body></html>
            """);

        Assert.Equal("Hello Ana\n\nLine one\nline two & more <b>\n\n- First\n- Second", text);
    }

    [Theory]
    [InlineData("<a href=\"https://x.test/a?b=1&amp;c=2\">Pay now</a>", "Pay now (https://x.test/a?b=1&c=2)")]
    [InlineData("<a href='https://x.test/a'>https://x.test/a</a>", "https://x.test/a")]
    [InlineData("<a class=\"btn\" href=https://x.test/a><b>Open</b></a>", "Open (https://x.test/a)")]
    public void WritesALink_AsItsTextAndItsAddress(string html, string expected)
    {
        Assert.Equal(expected, HtmlToText.Convert(html));
    }
}
