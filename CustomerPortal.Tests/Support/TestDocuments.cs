using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;

namespace CustomerPortal.Tests.Support;

/// <summary>Estimates and invoices built the way the app builds them: from a draft, through their constructors.</summary>
public static class TestDocuments
{
    public static LineItemInput Line(string description, decimal quantity, decimal unitPrice, decimal taxRatePercent = 0) =>
        new() { Description = description, Quantity = quantity, UnitPrice = unitPrice, TaxRatePercent = taxRatePercent };

    public static DocumentDraft Content(string title, params LineItemInput[] lines) => DocumentDraft.Of(title, lines);

    public static Invoice Invoice(string number, int customerId, string title, DateOnly issueDate, DateOnly dueDate, DateTime createdAtUtc,
        params LineItemInput[] lines) =>
        new(number, customerId, createdAtUtc, new InvoiceDraft(Content(title, lines), issueDate, dueDate));

    public static Estimate Estimate(string number, int customerId, string title, DateTime createdAtUtc, DateOnly? expiresOn, params LineItemInput[] lines) =>
        new(number, customerId, createdAtUtc, new EstimateDraft(Content(title, lines), expiresOn));
}
