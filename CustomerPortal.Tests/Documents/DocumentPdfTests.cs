using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents.Pdf;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Files;
using CustomerPortal.Core.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace CustomerPortal.Tests.Documents;

public sealed class DocumentPdfTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cp-pdf-tests", Guid.NewGuid().ToString("N"));
    private DocumentsTestHost _host = null!;

    private DocumentPdfService Pdfs => _host.Get<DocumentPdfService>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _host = await DocumentsTestHost.StartAsync(services: services =>
        {
            services.AddSingleton(new DataPaths(Options.Create(new DatabaseOptions { DataFolder = _folder }), new HostingEnvironment { ContentRootPath = _folder }));
            services.AddSingleton<PdfDocumentRenderer>();
            services.AddSingleton<DocumentPdfService>();
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task EstimatePdf_HoldsNumberCustomerEachLineTotalsAndTheCheckAddress()
    {
        var customer = await _host.AddCustomerAsync();
        var portal = await _host.PortalActorAsync(customer.Id);
        var input = DocumentsTestHost.EstimateInput(customer.Id);
        input.DepositRequired = 500m;
        var id = await _host.SentEstimateAsync(customer.Id, input);

        var pdf = await Pdfs.EstimatePdfAsync(portal, id, default);

        Assert.True(pdf.Succeeded, pdf.Message);
        Assert.Equal("EST-1001.pdf", pdf.Value!.FileName);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf.Value.Content, 0, 4));
        var text = PdfTools.Text(pdf.Value.Content);
        Assert.Contains("ESTIMATE", text);
        Assert.Contains("EST-1001", text);
        Assert.Contains("Pat Smith", text);
        Assert.Contains("12 Oak Road", text);
        Assert.Contains("Bright Plumbing", text);
        Assert.Contains("Water heater 50 gal", text);
        Assert.Contains("Labour (hours)", text);
        Assert.Contains("$1,200.00", text);
        Assert.Contains("$380.00", text);
        Assert.Contains("8.25%", text);
        Assert.Contains("$1,580.00", text);
        Assert.Contains("$99.00", text);
        Assert.Contains("$1,679.00", text);
        Assert.Contains("Deposit required", text);
        Assert.Contains("$500.00", text);
        Assert.Contains("50% deposit before work starts.", text);
        Assert.Contains($"Check this document at https://portal.example.test/portal/estimates/{id}", text);
        Assert.Contains("Page 1 of 1", text);
        // Only the glyphs in use are embedded; the whole DejaVu Sans pair made every PDF about 750 KB.
        Assert.True(pdf.Value.Content.Length < 100_000, $"{pdf.Value.Content.Length} bytes");
        File.WriteAllBytes(Path.Combine(BrowserFixtureFolder(), "estimate.pdf"), pdf.Value.Content);
    }

    private static string BrowserFixtureFolder()
    {
        Directory.CreateDirectory(Support.BrowserFixture.ScreenshotFolder);
        return Support.BrowserFixture.ScreenshotFolder;
    }

    [Fact]
    public async Task InvoicePdf_ShowsDiscountTaxPaidAndDue()
    {
        var customer = await _host.AddCustomerAsync();
        var input = DocumentsTestHost.InvoiceInput(customer.Id, _host.Today, _host.Today.AddDays(30),
            ("Annual boiler service", 1m, 150m, 10m), ("Replacement valve", 2m, 25m, 10m));
        input.DiscountKind = Core.Documents.DiscountKind.Percent;
        input.DiscountValue = 10;
        var id = await _host.SentInvoiceAsync(customer.Id, input: input);
        await PayAsync(customer.Id, id, 50m);

        var text = PdfTools.Text((await Pdfs.InvoicePdfAsync(_host.Staff, id, default)).Value!.Content);

        // 150.00 + 2 x 25.00 = 200.00; 10% off = 20.00; tax 10% of 180.00 = 18.00; total 198.00.
        Assert.Contains("INVOICE", text);
        Assert.Contains("INV-1001", text);
        Assert.Contains("$200.00", text);
        Assert.Contains("Discount (10%)", text);
        Assert.Contains("-$20.00", text);
        Assert.Contains("$18.00", text);
        Assert.Contains("$198.00", text);
        Assert.Contains("Amount paid", text);
        Assert.Contains("$50.00", text);
        Assert.Contains("$148.00", text);
        Assert.Contains("Partially paid", text);
        Assert.Contains($"https://portal.example.test/portal/invoices/{id}", text);
    }

    [Fact]
    public async Task InvoicePdf_SixtyLines_SpansPagesAndRepeatsTheTableHeaderOnEach()
    {
        var customer = await _host.AddCustomerAsync();
        var lines = Enumerable.Range(1, 60).Select(i => ($"Item number {i:00} with a description", (decimal)i, 10m, 5m)).ToArray();
        var id = await _host.SentInvoiceAsync(customer.Id, input: DocumentsTestHost.InvoiceInput(customer.Id, _host.Today, _host.Today.AddDays(30), lines));

        var pdf = (await Pdfs.InvoicePdfAsync(_host.Staff, id, default)).Value!.Content;

        File.WriteAllBytes(Path.Combine(BrowserFixtureFolder(), "invoice-60-lines.pdf"), pdf);
        var pages = PdfTools.Pages(pdf);
        Assert.True(pages.Length >= 2, $"{pages.Length} page(s)");
        for (var page = 1; page <= pages.Length; page++)
        {
            var text = PdfTools.Text(pdf, page);
            Assert.Equal(1, PdfTools.Count(text, "Description"));
            Assert.Equal(1, PdfTools.Count(text, "Unit price"));
            Assert.Contains($"Page {page} of {pages.Length}", text);
            Assert.Contains($"Check this document at https://portal.example.test/portal/invoices/{id}", text);
        }
        var all = PdfTools.Text(pdf);
        Assert.All(Enumerable.Range(1, 60), i => Assert.Equal(1, PdfTools.Count(all, $"Item number {i:00} with")));
        Assert.Contains("$19,215.00", all); // 1830 x 10.00 = 18,300.00 + 5% tax 915.00
    }

    [Fact]
    public async Task Pdf_CustomerNameWithMarkup_IsPrintedLiterally()
    {
        var customer = await _host.AddCustomerAsync("Smith", company: "<script>alert(1)</script> & <b>Sons</b>");
        var id = await _host.SentInvoiceAsync(customer.Id, input: DocumentsTestHost.InvoiceInput(customer.Id, _host.Today, _host.Today.AddDays(3),
            ("<img src=x onerror=alert(2)> fitting", 1m, 10m, 0m), ("Café Ñandú – Zoë’s “Ωμέγα” Жук €5", 1m, 5m, 0m)));

        var pdf = (await Pdfs.InvoicePdfAsync(_host.Staff, id, default)).Value!.Content;
        File.WriteAllBytes(Path.Combine(BrowserFixtureFolder(), "invoice-markup.pdf"), pdf);
        var text = PdfTools.Text(pdf);

        Assert.Contains("<script>alert(1)</script> & <b>Sons</b>", text);
        Assert.Contains("Attn: Pat Smith", text);
        Assert.Contains("<img src=x onerror=alert(2)> fitting", text);
        Assert.Contains("Café Ñandú – Zoë’s “Ωμέγα” Жук €5", text);
    }

    [Fact]
    public async Task Pdf_LongDescription_WrapsWithoutLosingWords()
    {
        var customer = await _host.AddCustomerAsync();
        var words = Enumerable.Range(1, 90).Select(i => $"word{i}").ToArray();
        var id = await _host.SentInvoiceAsync(customer.Id, input: DocumentsTestHost.InvoiceInput(customer.Id, _host.Today, _host.Today.AddDays(3),
            (string.Join(' ', words), 1m, 10m, 0m), ("Unbroken" + new string('Z', 150), 1m, 1m, 0m)));

        var text = PdfTools.Text((await Pdfs.InvoicePdfAsync(_host.Staff, id, default)).Value!.Content);

        Assert.All(words, w => Assert.Contains(w, text));
        Assert.Contains("Unbroken", text);
        Assert.Equal(150, text.Count(c => c == 'Z'));
    }

    [Fact]
    public async Task InvoicePdf_HebrewAndArabic_ExtractInReadingOrderWithNumbersKept()
    {
        var customer = await _host.AddCustomerAsync("Cohen", company: "שלום עולם");
        var input = DocumentsTestHost.InvoiceInput(customer.Id, _host.Today, _host.Today.AddDays(30),
            ("مرحبا بالعالم", 1m, 10m, 0m), ("Order 12 for שלום עולם today", 1m, 20m, 0m), ("מחיר 1,250.50 שקל כולל התקנה", 1m, 150m, 0m));
        input.Terms = "הזמנה 12 עבור Pat ו-3 פריטים\nشكرا لكم";
        var id = await _host.SentInvoiceAsync(customer.Id, input: input);

        var pdf = (await Pdfs.InvoicePdfAsync(_host.Staff, id, default)).Value!.Content;
        File.WriteAllBytes(Path.Combine(BrowserFixtureFolder(), "invoice-rtl.pdf"), pdf);
        var text = PdfTools.WithoutBidiMarks(PdfTools.Text(pdf));

        // Drawn in display order, read back in reading order (before shaping, these came out letter-reversed). pdftotext
        // cannot know a line's paragraph direction, so only the order inside each one-direction piece is asserted here;
        // PdfTextShaperTests checks the order of the pieces.
        Assert.Contains("שלום עולם", text);
        Assert.Contains("مرحبا بالعالم", text);
        Assert.Contains("شكرا لكم", text);
        Assert.Contains("Order 12 for", text);
        Assert.Contains("today", text);
        Assert.Contains("מחיר", text);
        Assert.Contains("1,250.50", text);
        Assert.Contains("שקל כולל התקנה", text);
        Assert.Contains("הזמנה", text);
        Assert.Contains("עבור", text);
        Assert.Contains("פריטים", text);
        Assert.Contains("INV-1001", text);
    }

    [Fact]
    public async Task InvoicePdf_LongHebrewDescription_WrapsOnSeveralLinesKeepingEveryWordInOrder()
    {
        var customer = await _host.AddCustomerAsync();
        const string letters = "אבגדהוזחטיכלמנסעפצקרשת";
        var words = Enumerable.Range(0, 70).Select(i => $"{letters[i % 22]}{letters[i / 22 + 3]}{letters[(i * 7) % 22]}ים").ToArray();
        var id = await _host.SentInvoiceAsync(customer.Id, input: DocumentsTestHost.InvoiceInput(customer.Id, _host.Today, _host.Today.AddDays(3),
            (string.Join(' ', words), 1m, 10m, 0m)));

        var text = PdfTools.WithoutBidiMarks(PdfTools.Text((await Pdfs.InvoicePdfAsync(_host.Staff, id, default)).Value!.Content));

        var printed = text.Split(['\n', ' '], StringSplitOptions.RemoveEmptyEntries).Where(w => w.EndsWith("ים", StringComparison.Ordinal)).ToArray();
        Assert.Equal(words, printed);
        var lines = text.Split('\n').Count(l => l.Contains(words[0], StringComparison.Ordinal) || l.Contains(words[^1], StringComparison.Ordinal));
        Assert.Equal(2, lines);
    }

    [Fact]
    public async Task EstimatePdf_Emoji_IsDrawnFromTheEmbeddedSymbolFont()
    {
        var customer = await _host.AddCustomerAsync();
        var input = DocumentsTestHost.EstimateInput(customer.Id, ("Great job 👍", 1m, 10m, 0m));
        input.Terms = "Call us ☎ any time ✔";
        var id = await _host.SentEstimateAsync(customer.Id, input);

        var pdf = (await Pdfs.EstimatePdfAsync(_host.Staff, id, default)).Value!.Content;
        File.WriteAllBytes(Path.Combine(BrowserFixtureFolder(), "estimate-emoji.pdf"), pdf);
        var text = PdfTools.Text(pdf);

        Assert.Contains("Great job 👍", text);
        Assert.Contains("Call us ☎ any time ✔", text);
        Assert.Contains(PdfTools.Fonts(pdf), f => f.Contains("NotoSansSymbols2", StringComparison.Ordinal) && f.Contains(" yes ", StringComparison.Ordinal));
        Assert.True(pdf.Length < 100_000, $"{pdf.Length} bytes");
    }

    [Fact]
    public async Task EstimatePdf_WhenAccepted_CarriesTheSignatureBlock()
    {
        var customer = await _host.AddCustomerAsync();
        var portal = await _host.PortalActorAsync(customer.Id);
        var id = await _host.SentEstimateAsync(customer.Id);
        await _host.Estimates.AcceptAsync(portal, id, new EstimateSignature("Patricia Q. Smith", "198.51.100.23", "Mozilla/5.0 (X11) Chrome/140"), default);

        var text = PdfTools.Text((await Pdfs.EstimatePdfAsync(_host.Staff, id, default)).Value!.Content);

        Assert.Contains("Accepted and signed electronically", text);
        Assert.Contains("Patricia Q. Smith", text);
        Assert.Contains("198.51.100.23", text);
        Assert.Contains("Mar 10, 2026 11:00 AM (America/New_York)", text);
        Assert.Contains("Accepted", text);
    }

    [Fact]
    public async Task Pdf_ForAnotherCustomerOrADraft_IsNotFoundForPortalUsers()
    {
        var mine = await _host.AddCustomerAsync();
        var theirs = await _host.AddCustomerAsync("Jones");
        var portal = await _host.PortalActorAsync(mine.Id);
        var theirEstimate = await _host.SentEstimateAsync(theirs.Id);
        var theirInvoice = await _host.SentInvoiceAsync(theirs.Id);
        var myDraft = (await _host.Estimates.CreateAsync(_host.Staff, DocumentsTestHost.EstimateInput(mine.Id), default)).Value;

        Assert.Equal(ResultKind.NotFound, (await Pdfs.EstimatePdfAsync(portal, theirEstimate, default)).Kind);
        Assert.Equal(ResultKind.NotFound, (await Pdfs.InvoicePdfAsync(portal, theirInvoice, default)).Kind);
        Assert.Equal(ResultKind.NotFound, (await Pdfs.EstimatePdfAsync(portal, myDraft, default)).Kind);
        Assert.Equal(ResultKind.NotFound, (await Pdfs.EstimatePdfAsync(portal, 999_999, default)).Kind);
        Assert.Contains("Draft", PdfTools.Text((await Pdfs.EstimatePdfAsync(_host.Staff, myDraft, default)).Value!.Content));
    }

    [Fact]
    public async Task Pdf_WithCompanyLogo_EmbedsTheImage()
    {
        var logo = PngLogo();
        var stored = await _host.Get<IFileStore>().SaveAsync(logo, ".png", default);
        await using (var db = await _host.DbAsync())
        {
            var company = await db.CompanySettings.SingleAsync();
            company.ChangeLogo(stored, "image/png");
            company.UpdateBranding(company.Name, "#2E7D32");
            await db.SaveChangesAsync();
        }
        _host.Get<Core.Company.CompanySettingsService>().Invalidate();
        var customer = await _host.AddCustomerAsync();
        var id = await _host.SentEstimateAsync(customer.Id);

        var pdf = (await Pdfs.EstimatePdfAsync(_host.Staff, id, default)).Value!.Content;

        Assert.Single(PdfTools.Images(pdf));
    }

    [Fact]
    public async Task ReceiptPdf_ListsWhatThePaymentPaid()
    {
        var customer = await _host.AddCustomerAsync();
        var portal = await _host.PortalActorAsync(customer.Id);
        var invoiceId = await _host.SentInvoiceAsync(customer.Id);
        var paymentId = await PayAsync(customer.Id, invoiceId, 165m, extra: 35m);

        var receipt = await Pdfs.RenderReceiptAsync(portal, paymentId, default);

        Assert.True(receipt.Succeeded, receipt.Message);
        var text = PdfTools.Text(receipt.Value!);
        Assert.Contains("RECEIPT", text);
        Assert.Contains("Invoice INV-1001", text);
        Assert.Contains("$165.00", text);
        Assert.Contains("Added to your account credit", text);
        Assert.Contains("$35.00", text);
        Assert.Contains("$200.00", text);
        Assert.Contains("Check", text);
        Assert.Contains($"https://portal.example.test/portal/payments/{paymentId}", text);
        var other = await _host.PortalActorAsync((await _host.AddCustomerAsync("Jones")).Id);
        Assert.Equal(ResultKind.NotFound, (await Pdfs.RenderReceiptAsync(other, paymentId, default)).Kind);
    }

    private async Task<int> PayAsync(int customerId, int invoiceId, decimal amount, decimal extra = 0)
    {
        await using var db = await _host.DbAsync();
        var payment = new Payment($"PAY-{Guid.NewGuid():N}"[..12], customerId, _host.Clock.Now.UtcDateTime, PaymentMethod.Check, amount + extra, "Check 1042",
            PaymentStatus.Succeeded, 1, null);
        Assert.True(payment.AllocateToInvoice(invoiceId, amount).Succeeded);
        db.Payments.Add(payment);
        var invoice = await db.Invoices.SingleAsync(i => i.Id == invoiceId);
        invoice.ApplyPayments(new InvoicePayments(invoice.AmountPaid + amount, payment.ReceivedAtUtc, false), _host.Today);
        await db.SaveChangesAsync();
        return payment.Id;
    }

    private static byte[] PngLogo()
    {
        using var surface = SKSurface.Create(new SKImageInfo(200, 80));
        surface.Canvas.Clear(new SKColor(0x2E, 0x7D, 0x32));
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
