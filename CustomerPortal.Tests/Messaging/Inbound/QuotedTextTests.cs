using CustomerPortal.Core.Messaging.Inbound;

namespace CustomerPortal.Tests.Messaging.Inbound;

public sealed class QuotedTextTests
{
    [Fact]
    public void Gmail_KeepsTheReplyAndDropsTheWrappedHeaderAndQuote()
    {
        const string mail = """
            Thursday works, thanks!
            The side gate is open.

            On Tue, Mar 10, 2026 at 3:00 PM Acme Plumbing <
            reply+0000000100000002aabbccdd00112233445566778899aabbccddeeff@reply.example.com> wrote:

            > Hi Olivia, can we come on Thursday?
            >
            > Sam
            """;

        Assert.Equal("Thursday works, thanks!\nThe side gate is open.", QuotedText.Strip(mail));
    }

    [Fact]
    public void Gmail_HeaderOnOneLine()
    {
        const string mail = "Yes please.\r\n\r\nOn Tue, 10 Mar 2026 at 15:00, Acme Plumbing <reply+ab@reply.example.com> wrote:\r\n> Shall we book it?\r\n";

        Assert.Equal("Yes please.", QuotedText.Strip(mail));
    }

    [Fact]
    public void Outlook_CutsAtTheFromSentBlock()
    {
        const string mail = """
            Please send the invoice to accounts@martinez.example.

            Kind regards,
            Olivia

            ________________________________
            From: Acme Plumbing <reply+ab@reply.example.com>
            Sent: Tuesday, March 10, 2026 3:00 PM
            To: Olivia Martinez <olivia@martinez.example>
            Subject: New message about Fix the boiler

            Hi Olivia, your invoice is ready.
            """;

        Assert.Equal("Please send the invoice to accounts@martinez.example.\n\nKind regards,\nOlivia", QuotedText.Strip(mail));
    }

    [Fact]
    public void Outlook_OriginalMessageMarker()
    {
        const string mail = "Fine by me.\n\n-----Original Message-----\nFrom: Acme Plumbing\nSent: Tuesday\n\nOld text";

        Assert.Equal("Fine by me.", QuotedText.Strip(mail));
    }

    [Fact]
    public void AppleMail_DropsTheMobileSignatureAndQuote()
    {
        const string mail = """
            See you then

            Sent from my iPhone

            > On 10 Mar 2026, at 15:00, Acme Plumbing <reply+ab@reply.example.com> wrote:
            >
            > Hi Olivia
            """;

        Assert.Equal("See you then", QuotedText.Strip(mail));
    }

    [Fact]
    public void SignatureDelimiter_EndsTheReply()
    {
        Assert.Equal("Thanks", QuotedText.Strip("Thanks\n-- \nOlivia Martinez\n555 0100"));
    }

    [Fact]
    public void InlineAnswers_KeepTheUnquotedLines()
    {
        const string mail = "> Can we come Thursday?\nYes.\n> Is the gate open?\nIt will be.";

        Assert.Equal("Yes.\nIt will be.", QuotedText.Strip(mail));
    }

    [Fact]
    public void OrdinaryTextThatMentionsWriting_IsKept()
    {
        const string mail = "On Monday my neighbour wrote:\nthe pipe is leaking again. From: the kitchen.";

        Assert.Equal(mail, QuotedText.Strip(mail));
    }

    [Fact]
    public void HtmlOnly_IsConvertedAndTheQuoteDropped()
    {
        const string html = """
            <div dir="ltr">Thursday <b>works</b> &amp; the gate is open.</div><br>
            <div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Tue, Mar 10, 2026 at 3:00 PM Acme wrote:<br></div>
            <blockquote class="gmail_quote">Hi Olivia</blockquote></div>
            """;

        Assert.Equal("Thursday works & the gate is open.", QuotedText.Reply(null, html));
    }

    [Fact]
    public void AppleHtml_BlockquoteDropped()
    {
        const string html = "<div>Great, thanks.</div><div><br><blockquote type=\"cite\"><div>On 10 Mar 2026, at 15:00, Acme wrote:</div>Hi</blockquote></div>";

        Assert.Equal("Great, thanks.", QuotedText.Reply("  ", html));
    }

    [Fact]
    public void OnlyQuotedText_IsEmpty()
    {
        Assert.Equal("", QuotedText.Reply("> Hi Olivia\n>\n> Sam", null));
    }
}
