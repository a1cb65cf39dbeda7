using CustomerPortal.Web.Common;

namespace CustomerPortal.Tests.Common;

public sealed class TextLinksTests
{
    [Theory]
    [InlineData("no links here", "no links here")]
    [InlineData("Open http://localhost:5252/portal/link/abc_-1 now.", "Open |[http://localhost:5252/portal/link/abc_-1]| now.")]
    [InlineData("(see https://example.com/a?b=1).", "(see |[https://example.com/a?b=1]|).")]
    [InlineData("<script>https://x.example/</script>", "<script>|[https://x.example/]|</script>")]
    [InlineData("javascript:alert(1)", "javascript:alert(1)")]
    public void Split_MarksOnlyWebAddressesAsLinks(string text, string expected)
    {
        var rendered = string.Join("|", TextLinks.Split(text).Select(p => p.IsLink ? $"[{p.Text}]" : p.Text));

        Assert.Equal(expected, rendered);
    }
}
