using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Payments;

namespace CustomerPortal.Core.Documents.Pdf;

/// <summary>Turns estimates, invoices and payments into what their PDFs show, formatted in the company's currency and time zone.</summary>
public static class DocumentPdfModels
{
    private static readonly PdfColumn[] LineColumns =
    [
        new("Description", 0, false),
        new("Qty", 44, true),
        new("Unit price", 82, true),
        new("Tax", 48, true),
        new("Amount", 88, true),
    ];

    public static PdfParty CompanyParty(CompanySettings company)
    {
        var lines = AddressLines(company.Address).ToList();
        if (!string.IsNullOrWhiteSpace(company.Phone)) lines.Add(company.Phone);
        if (!string.IsNullOrWhiteSpace(company.Email)) lines.Add(company.Email);
        if (!string.IsNullOrWhiteSpace(company.WebsiteUrl)) lines.Add(company.WebsiteUrl);
        return new PdfParty(company.Name, lines);
    }

    public static PdfParty CustomerParty(string displayName, string personName, Address? address, string email, string phone)
    {
        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(personName) && !string.Equals(personName.Trim(), displayName.Trim(), StringComparison.Ordinal))
            lines.Add($"Attn: {personName.Trim()}");
        if (address is not null) lines.AddRange(AddressLines(address));
        if (!string.IsNullOrWhiteSpace(email)) lines.Add(email);
        if (!string.IsNullOrWhiteSpace(phone)) lines.Add(phone);
        return new PdfParty(displayName, lines);
    }

    public static PdfDocumentModel Estimate(Estimate estimate, EstimateStatus status, PdfParty customer, CompanySettings company,
        byte[]? logo, string verifyUrl)
    {
        string Money(decimal amount) => MoneyFormat.Format(amount, company.Currency);
        var meta = new List<PdfLabelValue> { new("Estimate no.", estimate.Number) };
        meta.Add(new("Date", DocumentText.LocalDate(estimate.SentAtUtc ?? estimate.CreatedAtUtc, company)));
        if (estimate.ExpiresOn is { } expires) meta.Add(new("Valid until", DocumentText.Date(expires)));
        meta.Add(new("Status", DocumentText.Humanize(status)));

        var totals = Totals(estimate.Subtotal, estimate.DiscountKind, estimate.DiscountValue, estimate.DiscountTotal, estimate.TaxTotal, estimate.Total, Money);
        if (estimate.DepositRequired > 0) totals.Add(new("Deposit required", Money(estimate.DepositRequired)));
        if (estimate.DepositPaid > 0) totals.Add(new("Deposit paid", Money(estimate.DepositPaid)));

        PdfSignature? signature = estimate.Acceptance is { } accepted
            ? new PdfSignature("Accepted and signed electronically",
            [
                new("Signed by", accepted.SignedName),
                new("Signed on", DocumentText.LocalDateTime(accepted.AcceptedAtUtc, company)),
                new("IP address", accepted.IpAddress),
                new("Browser", accepted.UserAgent),
            ])
            : null;

        return new PdfDocumentModel
        {
            Title = "Estimate",
            Number = estimate.Number,
            Company = CompanyParty(company),
            Logo = logo,
            AccentColor = company.AccentColor,
            CustomerLabel = "Prepared for",
            Customer = customer,
            Meta = meta,
            Heading = estimate.Title,
            Columns = LineColumns,
            Rows = LineRows(estimate.Lines, Money),
            Totals = totals,
            Signature = signature,
            Notes = [new PdfNote("Terms and notes", estimate.Terms)],
            VerifyUrl = verifyUrl,
            Watermark = status == EstimateStatus.Draft ? "DRAFT" : "",
            UseLetterSize = UsesLetterPaper(company.Currency),
        };
    }

    public static PdfDocumentModel Invoice(Invoice invoice, InvoiceStatus status, PdfParty customer, CompanySettings company,
        byte[]? logo, string verifyUrl, IReadOnlyList<InvoicePayment> payments)
    {
        string Money(decimal amount) => MoneyFormat.Format(amount, company.Currency);
        var meta = new List<PdfLabelValue>
        {
            new("Invoice no.", invoice.Number),
            new("Invoice date", DocumentText.Date(invoice.IssueDate)),
            new("Due date", DocumentText.Date(invoice.DueDate)),
            new("Status", DocumentText.Humanize(status)),
        };
        var totals = Totals(invoice.Subtotal, invoice.DiscountKind, invoice.DiscountValue, invoice.DiscountTotal, invoice.TaxTotal, invoice.Total, Money);
        totals.Add(new("Amount paid", Money(invoice.AmountPaid)));
        totals.Add(new("Amount due", Money(invoice.AmountDue), Emphasis: true));

        var notes = new List<PdfNote>();
        if (payments.Count > 0)
            notes.Add(new PdfNote("Payments received", string.Join("\n", payments.Select(p =>
                $"{DocumentText.LocalDate(p.ReceivedAtUtc, company)}  ·  {DocumentText.Humanize(p.Method)}  ·  {p.Number}  ·  {Money(p.Amount)}"))));
        notes.Add(new PdfNote("Terms and notes", invoice.Terms));

        return new PdfDocumentModel
        {
            Title = "Invoice",
            Number = invoice.Number,
            Company = CompanyParty(company),
            Logo = logo,
            AccentColor = company.AccentColor,
            CustomerLabel = "Bill to",
            Customer = customer,
            Meta = meta,
            Heading = invoice.Title,
            Columns = LineColumns,
            Rows = LineRows(invoice.Lines, Money),
            Totals = totals,
            Notes = notes,
            VerifyUrl = verifyUrl,
            Watermark = status switch { InvoiceStatus.Draft => "DRAFT", InvoiceStatus.Void => "VOID", _ => "" },
            UseLetterSize = UsesLetterPaper(company.Currency),
        };
    }

    /// <summary>A payment receipt. <paramref name="appliedTo"/> describes each allocation ("Invoice INV-1001 · Boiler service").</summary>
    public static PdfDocumentModel Receipt(Payment payment, IReadOnlyList<(string Description, decimal Amount)> appliedTo, PdfParty customer,
        CompanySettings company, byte[]? logo, string verifyUrl)
    {
        string Money(decimal amount) => MoneyFormat.Format(amount, company.Currency);
        var meta = new List<PdfLabelValue>
        {
            new("Receipt no.", payment.Number),
            new("Date received", DocumentText.LocalDate(payment.ReceivedAtUtc, company)),
            new("Payment method", DocumentText.Humanize(payment.Method)),
        };
        if (!string.IsNullOrWhiteSpace(payment.Reference)) meta.Add(new("Reference", payment.Reference));
        if (payment.Status != PaymentStatus.Succeeded) meta.Add(new("Status", DocumentText.Humanize(payment.Status)));

        var rows = appliedTo.Select(a => (IReadOnlyList<string>)[a.Description, Money(a.Amount)]).ToList();
        if (payment.UnallocatedAmount > 0) rows.Add(["Added to your account credit", Money(payment.UnallocatedAmount)]);

        return new PdfDocumentModel
        {
            Title = "Receipt",
            Number = payment.Number,
            Company = CompanyParty(company),
            Logo = logo,
            AccentColor = company.AccentColor,
            CustomerLabel = "Received from",
            Customer = customer,
            Meta = meta,
            Heading = $"Thank you for your payment of {Money(payment.Amount)}.",
            Columns = [new("Applied to", 0, false), new("Amount", 110, true)],
            Rows = rows,
            Totals = [new("Amount received", Money(payment.Amount), Emphasis: true)],
            VerifyUrl = verifyUrl,
            Watermark = payment.Status is PaymentStatus.Pending or PaymentStatus.Failed ? payment.Status.ToString().ToUpperInvariant() : "",
            UseLetterSize = UsesLetterPaper(company.Currency),
        };
    }

    /// <summary>An account statement: every line with its running balance, the opening and closing balances.</summary>
    public static PdfDocumentModel Statement(AccountStatement statement, PdfParty customer, CompanySettings company, byte[]? logo, string verifyUrl)
    {
        string Money(decimal amount) => MoneyFormat.Format(amount, company.Currency);
        string Signed(decimal amount) => amount == 0 ? "" : Money(amount);
        var rows = new List<IReadOnlyList<string>> { new[] { DocumentText.Date(statement.From), "Opening balance", "", Money(statement.OpeningBalance) } };
        rows.AddRange(statement.Lines.Select(l => (IReadOnlyList<string>)[DocumentText.Date(l.Date),
            l.Reference.Length > 0 ? $"{l.Reference} · {l.Description}" : l.Description, Signed(l.Amount), Money(l.Balance)]));
        return new PdfDocumentModel
        {
            Title = "Statement",
            Number = $"{DocumentText.Date(statement.From)} to {DocumentText.Date(statement.To)}",
            Company = CompanyParty(company),
            Logo = logo,
            AccentColor = company.AccentColor,
            CustomerLabel = "Account of",
            Customer = customer,
            Meta =
            [
                new("Period", $"{DocumentText.Date(statement.From)} to {DocumentText.Date(statement.To)}"),
                new("Statement date", DocumentText.Date(statement.Today)),
            ],
            Heading = "Account statement",
            Columns = [new("Date", 80, false), new("Details", 0, false), new("Amount", 85, true), new("Balance", 85, true)],
            Rows = rows,
            Totals =
            [
                new("Opening balance", Money(statement.OpeningBalance)),
                new("Invoiced and refunded", Money(statement.Charges)),
                new("Received", Money(-statement.Received)),
                new(statement.ClosingBalance < 0 ? "Closing balance (in your favour)" : "Closing balance", Money(statement.ClosingBalance), Emphasis: true),
            ],
            VerifyUrl = verifyUrl,
            UseLetterSize = UsesLetterPaper(company.Currency),
        };
    }

    private static List<PdfTotalRow> Totals(decimal subtotal, DiscountKind kind, decimal discountValue, decimal discount, decimal tax, decimal total,
        Func<decimal, string> money)
    {
        var rows = new List<PdfTotalRow> { new("Subtotal", money(subtotal)) };
        if (discount > 0)
            rows.Add(new(kind == DiscountKind.Percent ? $"Discount ({DocumentText.Percent(discountValue)})" : "Discount", money(-discount)));
        rows.Add(new("Tax", money(tax)));
        rows.Add(new("Total", money(total), Emphasis: true));
        return rows;
    }

    private static List<IReadOnlyList<string>> LineRows(IEnumerable<LineItem> lines, Func<decimal, string> money) =>
        lines.OrderBy(l => l.Position)
            .Select(l => (IReadOnlyList<string>)[l.Description, DocumentText.Quantity(l.Quantity), money(l.UnitPrice), DocumentText.Percent(l.TaxRatePercent), money(l.Amount)])
            .ToList();

    private static IEnumerable<string> AddressLines(Address address)
    {
        if (!string.IsNullOrWhiteSpace(address.Line1)) yield return address.Line1;
        if (!string.IsNullOrWhiteSpace(address.Line2)) yield return address.Line2;
        var cityLine = string.Join(", ", new[] { address.City, $"{address.Region} {address.PostalCode}".Trim() }.Where(p => !string.IsNullOrWhiteSpace(p)));
        if (cityLine.Length > 0) yield return cityLine;
    }

    private static bool UsesLetterPaper(string currency) => currency.ToUpperInvariant() is "USD" or "CAD";
}
