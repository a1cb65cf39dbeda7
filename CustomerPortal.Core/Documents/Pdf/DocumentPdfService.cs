using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Files;
using CustomerPortal.Core.Invoices;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Documents.Pdf;

/// <summary>A rendered document and the file name to offer it under.</summary>
public sealed record PdfFile(string FileName, byte[] Content);

/// <summary>
/// Estimate, invoice and receipt PDFs for an actor. Each goes through the same access rule as the pages: a portal user
/// asking for another customer's document, a draft or a hidden module gets "not found".
/// </summary>
public sealed class DocumentPdfService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessRules access,
    EstimateService estimates,
    InvoiceService invoices,
    CompanySettingsService companySettings,
    IFileStore files,
    PortalLinks links,
    PdfDocumentRenderer renderer,
    Payments.StatementService statements)
{
    public async Task<Result<PdfFile>> EstimatePdfAsync(Actor actor, int estimateId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var loaded = await estimates.LoadForViewAsync(db, actor, estimateId, ct);
        if (!loaded.Succeeded) return Result<PdfFile>.From(loaded);
        var (estimate, _, today) = loaded.Value;
        var company = await companySettings.GetAsync(ct);
        var model = DocumentPdfModels.Estimate(estimate, estimate.StatusOn(today),
            await CustomerPartyAsync(db, estimate.CustomerId, ct), company, await LogoAsync(company, ct), links.Estimate(estimate.Id));
        return new PdfFile($"{estimate.Number}.pdf", renderer.Render(model));
    }

    public async Task<Result<PdfFile>> InvoicePdfAsync(Actor actor, int invoiceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var loaded = await invoices.LoadForViewAsync(db, actor, invoiceId, ct);
        if (!loaded.Succeeded) return Result<PdfFile>.From(loaded);
        var (invoice, _, today) = loaded.Value;
        var company = await companySettings.GetAsync(ct);
        var payments = await InvoiceService.PaymentsOfAsync(db, actor, invoice.Id, ct);
        var model = DocumentPdfModels.Invoice(invoice, invoice.StatusOn(today),
            await CustomerPartyAsync(db, invoice.CustomerId, ct), company, await LogoAsync(company, ct), links.Invoice(invoice.Id), payments);
        return new PdfFile($"{invoice.Number}.pdf", renderer.Render(model));
    }

    public async Task<Result<PdfFile>> ReceiptPdfAsync(Actor actor, int paymentId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, ct);
        if (DocumentRules.Deny(access, actor, Operation.ViewPayment, payment) is { } denied) return Result<PdfFile>.From(denied);

        var invoiceIds = payment!.Allocations.Where(a => a.InvoiceId is not null).Select(a => a.InvoiceId!.Value).ToList();
        var estimateIds = payment.Allocations.Where(a => a.EstimateId is not null).Select(a => a.EstimateId!.Value).ToList();
        var invoiceNames = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => $"Invoice {i.Number} · {i.Title}", ct);
        var estimateNames = await db.Estimates.AsNoTracking().Where(e => estimateIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => $"Deposit on estimate {e.Number} · {e.Title}", ct);
        var appliedTo = payment.Allocations.OrderBy(a => a.Id)
            .Select(a => (a.InvoiceId is { } i ? invoiceNames.GetValueOrDefault(i, "Invoice") : estimateNames.GetValueOrDefault(a.EstimateId ?? 0, "Estimate deposit"), a.Amount))
            .ToList();
        var company = await companySettings.GetAsync(ct);
        var model = DocumentPdfModels.Receipt(payment, appliedTo, await CustomerPartyAsync(db, payment.CustomerId, ct), company,
            await LogoAsync(company, ct), links.Payment(payment.Id));
        return new PdfFile($"{payment.Number}-receipt.pdf", renderer.Render(model));
    }

    /// <summary>The customer's account statement over the range (see <see cref="Payments.StatementService"/>), under the same access rule.</summary>
    public async Task<Result<PdfFile>> StatementPdfAsync(Actor actor, int customerId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var statement = await statements.StatementAsync(actor, customerId, from, to, ct);
        if (!statement.Succeeded) return Result<PdfFile>.From(statement);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var company = await companySettings.GetAsync(ct);
        var model = DocumentPdfModels.Statement(statement.Value!, await CustomerPartyAsync(db, customerId, ct), company, await LogoAsync(company, ct),
            links.Absolute($"/portal/statement?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"));
        return new PdfFile($"statement-{from:yyyy-MM-dd}-to-{to:yyyy-MM-dd}.pdf", renderer.Render(model));
    }

    /// <summary>The estimate's PDF bytes.</summary>
    public async Task<Result<byte[]>> RenderEstimateAsync(Actor actor, int estimateId, CancellationToken ct) =>
        Bytes(await EstimatePdfAsync(actor, estimateId, ct));

    /// <summary>The invoice's PDF bytes.</summary>
    public async Task<Result<byte[]>> RenderInvoiceAsync(Actor actor, int invoiceId, CancellationToken ct) =>
        Bytes(await InvoicePdfAsync(actor, invoiceId, ct));

    /// <summary>The payment receipt's PDF bytes (the receipt page offers them for download).</summary>
    public async Task<Result<byte[]>> RenderReceiptAsync(Actor actor, int paymentId, CancellationToken ct) =>
        Bytes(await ReceiptPdfAsync(actor, paymentId, ct));

    private static Result<byte[]> Bytes(Result<PdfFile> file) => file.Succeeded ? file.Value!.Content : Result<byte[]>.From(file);

    private static async Task<PdfParty> CustomerPartyAsync(PortalDbContext db, int customerId, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == customerId, ct);
        var address = await db.ServiceAddresses.AsNoTracking()
            .Where(a => a.CustomerId == customerId)
            .OrderByDescending(a => a.IsPrimary).ThenBy(a => a.Id)
            .FirstOrDefaultAsync(ct);
        return DocumentPdfModels.CustomerParty(customer.DisplayName, $"{customer.FirstName} {customer.LastName}", address?.Address,
            customer.Email, customer.Phone);
    }

    /// <summary>The company logo when it is a PNG or JPEG in the file store; anything else is left off the document.</summary>
    private async Task<byte[]?> LogoAsync(CompanySettings company, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(company.LogoFileName)) return null;
        await using var stream = await files.OpenReadAsync(company.LogoFileName, ct);
        if (stream is null) return null;
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        return IsPng(bytes) || IsJpeg(bytes) ? bytes : null;
    }

    private static bool IsPng(byte[] b) => b.Length > 8 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47;

    private static bool IsJpeg(byte[] b) => b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF;
}
