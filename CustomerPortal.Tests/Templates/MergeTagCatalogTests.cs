using CustomerPortal.Core.Templates.MergeTags;

namespace CustomerPortal.Tests.Templates;

public sealed class MergeTagCatalogTests
{
    public static TheoryData<string> SeedFields => new()
    {
        // Seed 001's field values, seed 000's password-protected portal link and registration link.
        "CUSTOMER_PORTAL_LINK", "CUSTOMER_PORTAL_ADD_CREDIT_CARD_LINK", "REVIEW_PAGE", "ESTIMATE_LINK", "INVOICES_LINKS", "RECEIPT_LINK",
        "WORK_REQUEST_FORM", "CUSTOMER_PORTAL_PASSWORD_LINK", "CUSTOMER_PORTAL_REGISTRATION_LINK",
    };

    [Theory]
    [MemberData(nameof(SeedFields))]
    public void TheFieldsTheHelpArticlesName_AreKnown(string name)
    {
        Assert.Contains(MergeTagCatalog.All, t => t.Name == name);
    }

    [Fact]
    public void EveryField_RendersItsExample_InAnEventThatHasIt()
    {
        foreach (var tag in MergeTagCatalog.All)
        {
            var templateEvent = Enum.GetValues<TemplateEvent>().First(e => MergeTagCatalog.NamesFor(e).Contains(tag.Name));
            var parse = MergeTagCatalog.Parse($"[{{{{{tag.Name}}}}}]", templateEvent);

            Assert.True(parse.Succeeded, tag.Name);
            Assert.Equal($"[{tag.Example}]", parse.Template!.Render(MergeTagCatalog.Examples(), MergeEncoding.PlainText));
            Assert.False(string.IsNullOrWhiteSpace(tag.Description));
        }
    }

    [Fact]
    public void EveryCustomerEvent_HasTheCustomerCompanyAndPortalFields()
    {
        foreach (var templateEvent in Enum.GetValues<TemplateEvent>().Where(e => !MergeTagCatalog.IsToStaff(e)))
        {
            var names = MergeTagCatalog.NamesFor(templateEvent);
            Assert.Contains(MergeTagCatalog.CustomerFirstName, names);
            Assert.Contains(MergeTagCatalog.CompanyPhone, names);
            Assert.Contains(MergeTagCatalog.PortalLink, names);
        }
    }

    [Theory]
    [InlineData(TemplateEvent.InvoiceSent, "{{INVOICE_AMOUNT_DUE}} by {{INVOICE_DUE_DATE}}")]
    [InlineData(TemplateEvent.EstimateSent, "{{ESTIMATE_TOTAL}} until {{ESTIMATE_EXPIRY_DATE}}")]
    [InlineData(TemplateEvent.PaymentReceipt, "{{PAYMENT_AMOUNT}} on {{PAYMENT_DATE}}")]
    [InlineData(TemplateEvent.VisitScheduled, "{{JOB_TITLE}} {{VISIT_DATE}} {{VISIT_TIME_WINDOW}} {{TECHNICIAN_NAME}}")]
    [InlineData(TemplateEvent.NewMessage, "{{MESSAGE_EXCERPT}} {{THREAD_LINK}}")]
    public void AnEventsOwnFields_AreAccepted(TemplateEvent templateEvent, string source)
    {
        Assert.True(MergeTagCatalog.Parse(source, templateEvent).Succeeded);
    }

    [Fact]
    public void AFieldOfAnotherKindOfMessage_IsRefused_AtItsPosition()
    {
        var parse = MergeTagCatalog.Parse("Thanks!\nYour receipt: {{RECEIPT_LINK}}", TemplateEvent.EstimateSent);

        var problem = Assert.Single(parse.Problems);
        Assert.Equal((2, 15), (problem.Line, problem.Column));
        Assert.Contains("has no value in this message", problem.Message);
    }

    [Fact]
    public void AMistypedField_IsRefused_WithTheClosestName()
    {
        var problem = Assert.Single(MergeTagCatalog.Parse("{{INVOICE_NUMBR}}", TemplateEvent.InvoiceSent).Problems);

        Assert.Contains("Did you mean {{INVOICE_NUMBER}}?", problem.Message);
    }

    [Fact]
    public void TheCache_ParsesATemplateOnce()
    {
        var cache = new MergeTemplateCache();

        var first = cache.Get("Hi {{CUSTOMER_FIRST_NAME}}", TemplateEvent.InvoiceSent);
        var again = cache.Get("Hi {{CUSTOMER_FIRST_NAME}}", TemplateEvent.InvoiceSent);
        var otherEvent = cache.Get("Hi {{CUSTOMER_FIRST_NAME}}", TemplateEvent.EstimateSent);

        Assert.Same(first, again);
        Assert.NotSame(first, otherEvent);
    }
}
