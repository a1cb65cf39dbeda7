using System.Text;
using BenchmarkDotNet.Attributes;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Documents.Pdf;
using CustomerPortal.Core.Invoices;

namespace CustomerPortal.Benchmarks;

/// <summary>Time and allocations to render an invoice PDF of one page and of ten pages with the real renderer and font.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class PdfRenderingBenchmarks
{
    private readonly PdfDocumentRenderer _renderer = new();
    private PdfDocumentModel _onePage = null!;
    private PdfDocumentModel _tenPages = null!;

    [GlobalSetup]
    public void Setup()
    {
        _onePage = InvoiceOf(pages: 1);
        _tenPages = InvoiceOf(pages: 10);
    }

    [Benchmark(Baseline = true)]
    public byte[] OnePageInvoice() => _renderer.Render(_onePage);

    [Benchmark]
    public byte[] TenPageInvoice() => _renderer.Render(_tenPages);

    private static PdfDocumentModel Invoice(int lines)
    {
        var company = new CompanySettings();
        company.UpdateBranding("Bright Plumbing & Heating", company.AccentColor);
        company.UpdateContactDetails("office@bright.example", "555-0100", new Address("1 Main St", "", "Springfield", "IL", "62701"), "");
        var lineInputs = Enumerable.Range(0, lines).Select(i => new LineItemInput
        {
            Description = i % 7 == 0 ? $"Line {i + 1}: supply and fit copper pipe, fittings and insulation in the loft and under the kitchen floor" : $"Line {i + 1}: labour, hours",
            Quantity = 1 + i % 5,
            UnitPrice = 42.5m,
            TaxRatePercent = 8.25m,
        }).ToList();
        var content = new DocumentDraft("Kitchen and bathroom refit", "Payment within 30 days by bank transfer. Thank you for your business.", "",
            DiscountKind.None, 0, lineInputs);
        var invoice = new Invoice("INV-1001", 1, DateTime.UtcNow, new InvoiceDraft(content, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)));
        invoice.MarkSent(DateTime.UtcNow, new DateOnly(2026, 3, 1));
        var customer = DocumentPdfModels.CustomerParty("Pat Smith", "Pat Smith", new Address("12 Oak Road", "", "Springfield", "IL", "62704"), "pat@example.test", "555-0101");
        return DocumentPdfModels.Invoice(invoice, invoice.Status, customer, company, logo: null, "https://portal.example/portal/invoices/1", []);
    }

    /// <summary>The invoice with the most lines that still fits the number of pages.</summary>
    private PdfDocumentModel InvoiceOf(int pages)
    {
        PdfDocumentModel? fits = null;
        for (var lines = 1; ; lines++)
        {
            var model = Invoice(lines);
            var count = PageCount(_renderer.Render(model));
            if (count > pages) return fits ?? throw new InvalidOperationException($"No invoice fits {pages} page(s).");
            if (count == pages) fits = model;
        }
    }

    private static int PageCount(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        return text.Split("/Type /Page").Length - text.Split("/Type /Pages").Length;
    }
}
