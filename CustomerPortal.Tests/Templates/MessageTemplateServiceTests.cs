using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Tests.Links;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Templates;
using CustomerPortal.Core.Templates.MergeTags;
using CustomerPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Templates;

/// <summary>Staff edit the wording; the next message of that event is composed from it, values encoded for HTML and plain for text.</summary>
public sealed class MessageTemplateServiceTests : IAsyncLifetime
{
    private static readonly Actor Admin = Actor.Staff(1, "Ada Admin", StaffRole.Admin);
    private DocumentsTestHost _host = null!;

    private MessageTemplateService Templates => _host.Get<MessageTemplateService>();

    public async Task InitializeAsync() => _host = await DocumentsTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Save_RefusesAFieldThisEventCannotFill_WithWhereItIs_AndKeepsTheDefault()
    {
        var saved = await Templates.SaveAsync(Admin, TemplateEvent.InvoiceSent, MessageChannel.Email,
            new TemplateText("Invoice {{INVOICE_NUMBER}}", "<p>Hi</p>\n<p>Pay by {{INVOICE_DUE_DATE}} or see {{RECEIPT_LINK}}</p>"), default);

        Assert.Equal(ResultKind.Invalid, saved.Kind);
        Assert.StartsWith("Line 2, column 39:", saved.Errors["Body"]);
        Assert.False(saved.Errors.ContainsKey("Subject"));
        Assert.False((await Templates.GetAsync(Admin, TemplateEvent.InvoiceSent, MessageChannel.Email, default)).Value!.IsCustomized);
    }

    [Fact]
    public async Task Save_RefusesABrokenBraceInTheSubject_AndAnEmptyBody()
    {
        var saved = await Templates.SaveAsync(Admin, TemplateEvent.EstimateSent, MessageChannel.Email, new TemplateText("Estimate {{ESTIMATE_NUMBER", "  "), default);

        Assert.Contains("Line 1, column 10: This {{ is not closed", saved.Errors["Subject"]);
        Assert.Equal("Write the message.", saved.Errors["Body"]);
    }

    [Fact]
    public async Task OnlyAdmins_MayReadOrChangeTemplates()
    {
        Assert.Equal(ResultKind.Forbidden, (await Templates.ListAsync(_host.Staff, default)).Kind);
        Assert.Equal(ResultKind.Forbidden,
            (await Templates.SaveAsync(_host.Staff, TemplateEvent.InvoiceSent, MessageChannel.Sms, new TemplateText("", "Hi"), default)).Kind);
        var customer = await _host.PortalActorAsync((await _host.AddCustomerAsync()).Id);
        Assert.Equal(ResultKind.Forbidden, (await Templates.GetAsync(customer, TemplateEvent.InvoiceSent, MessageChannel.Email, default)).Kind);
    }

    [Fact]
    public async Task ASavedTemplate_IsWhatTheNextInvoiceEmailSays_EncodedInHtmlAndPlainInText()
    {
        var customer = await _host.AddCustomerAsync("O'Brien <Plumbing & Sons>");
        await _host.AddPortalUserAsync(customer.Id, "Ana <b>Bold</b>");
        var saved = await Templates.SaveAsync(Admin, TemplateEvent.InvoiceSent, MessageChannel.Email, new TemplateText(
            "Your bill {{INVOICE_NUMBER}} from {{COMPANY_NAME}}",
            "<h1>Hello {{CONTACT_FIRST_NAME|friend}}</h1><p>{{CUSTOMER_NAME}} owes {{INVOICE_AMOUNT_DUE}}.</p><p><a href=\"{{INVOICE_LINK}}\">Pay now</a></p>"), default);
        Assert.True(saved.Succeeded, saved.Message);

        var invoiceId = await _host.SentInvoiceAsync(customer.Id);

        await using var db = await _host.DbAsync();
        var mail = await db.OutboxMessages.SingleAsync(m => m.CustomerId == customer.Id);
        Assert.Equal("invoice-sent", mail.TemplateKey);
        Assert.StartsWith("Your bill INV-", mail.Subject);
        Assert.Contains("Hello Ana</h1><p>", mail.HtmlBody);
        Assert.Contains("&lt;Plumbing &amp; Sons&gt; owes $165.00.", mail.HtmlBody);
        Assert.Matches("<a href=\"https://portal\\.example\\.test/l/[0-9a-f]+\">Pay now</a>", mail.HtmlBody);
        Assert.Contains(PortalPaths.Invoice(invoiceId), LinkTestData.DeepLinksIn(_host.Get<DeepLinks>(), mail.HtmlBody).Select(l => l.Target));
        Assert.DoesNotContain("<Plumbing", mail.HtmlBody);
        Assert.Contains("<Plumbing & Sons> owes $165.00.", mail.Body);
        Assert.Matches("Pay now \\(https://portal\\.example\\.test/l/[0-9a-f]+\\)", mail.Body);
        Assert.DoesNotContain("<h1>", mail.Body);
    }

    [Fact]
    public async Task Reset_GoesBackToTheShippedWording()
    {
        await Templates.SaveAsync(Admin, TemplateEvent.InvoiceSent, MessageChannel.Email, new TemplateText("Custom {{INVOICE_NUMBER}}", "<p>Custom</p>"), default);

        var reset = await Templates.ResetAsync(Admin, TemplateEvent.InvoiceSent, MessageChannel.Email, default);
        var customer = await _host.AddCustomerAsync();
        await _host.AddPortalUserAsync(customer.Id);
        await _host.SentInvoiceAsync(customer.Id);

        Assert.True(reset.Succeeded);
        await using var db = await _host.DbAsync();
        var mail = await db.OutboxMessages.SingleAsync(m => m.CustomerId == customer.Id);
        Assert.StartsWith("Invoice INV-", mail.Subject);
        Assert.EndsWith("from Bright Plumbing", mail.Subject);
    }

    [Fact]
    public async Task Preview_UsesARealCustomersNames_AndExamplesForTheRest_AndCountsAnSmsInSegments()
    {
        var customer = await _host.AddCustomerAsync("Nguyễn");

        var email = await Templates.PreviewAsync(Admin, TemplateEvent.EstimateSent, MessageChannel.Email,
            new TemplateText("{{ESTIMATE_NUMBER}} for {{CUSTOMER_LAST_NAME}}", "<p>{{ESTIMATE_TOTAL}}</p>"), customer.Id, default);
        var sms = await Templates.PreviewAsync(Admin, TemplateEvent.EstimateSent, MessageChannel.Sms,
            new TemplateText("", "Hi {{CUSTOMER_LAST_NAME}}, estimate {{ESTIMATE_NUMBER}}: {{ESTIMATE_LINK}}"), customer.Id, default);

        Assert.Equal("EST-1042 for Nguyễn", email.Value!.Email!.Subject);
        Assert.Equal("<p>$1,250.00</p>", email.Value.Email.Html);
        Assert.StartsWith("Hi Nguyễn, estimate EST-1042: https://", sms.Value!.Sms);
        Assert.Equal(SmsEncoding.Ucs2, sms.Value.SmsLength!.Encoding);
        Assert.Equal(sms.Value.Sms!.Length, sms.Value.SmsLength.Units);
    }

    [Fact]
    public async Task Preview_ShowsTheEmailWithoutActiveContent()
    {
        var preview = await Templates.PreviewAsync(Admin, TemplateEvent.JobCompleted, MessageChannel.Email, new TemplateText("Done",
            "<p onclick=\"steal()\">Thanks {{CONTACT_FIRST_NAME}}</p><script>steal()</script><a href=\"javascript:steal()\">x</a>"), null, default);

        var safe = preview.Value!.SafeHtml;
        Assert.Contains("Thanks Jordan", safe);
        Assert.DoesNotContain("steal", safe);
        Assert.Contains("<script>steal()</script>", preview.Value.Email!.Html);
    }

    [Fact]
    public void EveryShippedTemplate_ParsesForItsEvent()
    {
        foreach (var templateEvent in Enum.GetValues<TemplateEvent>())
        {
            var email = TemplateDefaults.Email(templateEvent);
            Assert.True(MergeTagCatalog.Parse(email.Subject, templateEvent).Succeeded, $"{templateEvent} subject");
            Assert.True(MergeTagCatalog.Parse(email.Body, templateEvent).Succeeded, $"{templateEvent} body");
            Assert.True(MergeTagCatalog.Parse(TemplateDefaults.Sms(templateEvent), templateEvent).Succeeded, $"{templateEvent} SMS");
        }
    }
}
