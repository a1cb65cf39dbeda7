using CustomerPortal.Core.Accounts;
using CustomerPortal.Tests.Links;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Payments;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Invoices;

public sealed class InvoiceServiceTests : IAsyncLifetime
{
    private DocumentsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await DocumentsTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task NewInput_UsesCompanyTermsAndToday()
    {
        var input = await _host.Invoices.NewInputAsync(7, default);

        Assert.Equal(7, input.CustomerId);
        Assert.Equal(_host.Today, input.IssueDate);
        Assert.Equal(_host.Today.AddDays(30), input.DueDate);
    }

    [Fact]
    public async Task Send_MakesItVisibleAndQueuesAnEmailWithThePortalLinkToEachPortalUser()
    {
        var customer = await _host.AddCustomerAsync();
        var anna = await _host.AddPortalUserAsync(customer.Id, "Anna");
        var ben = await _host.AddPortalUserAsync(customer.Id, "Ben");
        await _host.AddPortalUserAsync(customer.Id, "Estimates only", u => u.ChangePermissions(PortalModules.Estimates, u.CanPay, u.CanAcceptEstimates, u.CanSubmitRequests));
        var created = await _host.Invoices.CreateAsync(_host.Staff, DocumentsTestHost.InvoiceInput(customer.Id, _host.Today, _host.Today.AddDays(14)), default);
        var portal = anna.ToActor(PortalModules.All, null);
        Assert.Equal(ResultKind.NotFound, (await _host.Invoices.GetAsync(portal, created.Value, default)).Kind);

        var sent = await _host.Invoices.SendAsync(_host.Staff, created.Value, default);

        Assert.True(sent.Succeeded, sent.Message);
        await using var db = await _host.DbAsync();
        var messages = await db.OutboxMessages.OrderBy(m => m.Id).ToListAsync();
        Assert.Equal([anna.Id, ben.Id], messages.Select(m => m.PortalUserId));
        // Each e-mail's link is signed for its own recipient.
        Assert.All(messages, m => Assert.Contains((m.PortalUserId!.Value, PortalPaths.Invoice(created.Value)), LinkTestData.DeepLinksIn(_host.Get<DeepLinks>(), m.Body)));
        Assert.All(messages, m => Assert.Contains("$165.00", m.Body));
        var details = (await _host.Invoices.GetAsync(portal, created.Value, default)).Value!;
        Assert.Equal(InvoiceStatus.Viewed, details.Status);
        Assert.Equal(165m, details.AmountDue);
    }

    [Fact]
    public async Task Get_ByStaffOrViewAs_DoesNotMarkViewed()
    {
        var customer = await _host.AddCustomerAsync();
        var portal = await _host.PortalActorAsync(customer.Id);
        var id = await _host.SentInvoiceAsync(customer.Id);

        await _host.Invoices.GetAsync(_host.Staff, id, default);
        await _host.Invoices.GetAsync(_host.ViewAs(portal), id, default);

        var invoice = (await _host.Invoices.GetAsync(_host.Staff, id, default)).Value!;
        Assert.Equal(InvoiceStatus.Sent, invoice.Status);
        Assert.Null(invoice.ViewedAtUtc);
    }

    [Fact]
    public async Task Get_AnotherCustomersInvoice_IsNotFound()
    {
        var mine = await _host.AddCustomerAsync();
        var theirs = await _host.AddCustomerAsync("Jones");
        var portal = await _host.PortalActorAsync(mine.Id);
        var id = await _host.SentInvoiceAsync(theirs.Id);

        Assert.Equal(ResultKind.NotFound, (await _host.Invoices.GetAsync(portal, id, default)).Kind);
        Assert.Equal(ResultKind.NotFound, (await _host.Get<AccountBalanceService>().GetAsync(portal, theirs.Id, default)).Kind);
        Assert.Empty((await _host.Invoices.ListAsync(portal, new InvoiceListQuery { CustomerId = theirs.Id }, default)).Value!.Items);
    }

    [Fact]
    public async Task List_ShowsOverdueForUnpaidInvoicesPastTheirDueDate()
    {
        var customer = await _host.AddCustomerAsync();
        var portal = await _host.PortalActorAsync(customer.Id);
        var late = await _host.SentInvoiceAsync(customer.Id, _host.Today.AddDays(3));
        var onTime = await _host.SentInvoiceAsync(customer.Id, _host.Today.AddDays(30));
        _host.Clock.Now = _host.Clock.Now.AddDays(4);

        var all = await _host.Invoices.ListAsync(portal, new InvoiceListQuery(), default);
        var overdue = await _host.Invoices.ListAsync(_host.Staff, new InvoiceListQuery { Status = InvoiceStatus.Overdue }, default);
        var sent = await _host.Invoices.ListAsync(_host.Staff, new InvoiceListQuery { Status = InvoiceStatus.Sent }, default);

        Assert.Equal(InvoiceStatus.Overdue, all.Value!.Items.Single(i => i.Id == late).Status);
        Assert.Equal(InvoiceStatus.Sent, all.Value.Items.Single(i => i.Id == onTime).Status);
        Assert.Equal([late], overdue.Value!.Items.Select(i => i.Id));
        Assert.Equal([onTime], sent.Value!.Items.Select(i => i.Id));
        Assert.Equal(InvoiceStatus.Overdue, (await _host.Invoices.GetAsync(portal, late, default)).Value!.Status);
    }

    [Fact]
    public async Task Void_KeepsTheInvoiceWithItsReasonAndNothingDue()
    {
        var customer = await _host.AddCustomerAsync();
        var portal = await _host.PortalActorAsync(customer.Id);
        var id = await _host.SentInvoiceAsync(customer.Id);

        Assert.Equal(ResultKind.Invalid, (await _host.Invoices.VoidAsync(_host.Staff, id, "  ", default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await _host.Invoices.VoidAsync(portal, id, "I do not want to pay", default)).Kind);
        var voided = await _host.Invoices.VoidAsync(_host.Staff, id, "Billed twice", default);

        Assert.True(voided.Succeeded, voided.Message);
        await using var db = await _host.DbAsync();
        var row = await db.Invoices.SingleAsync(i => i.Id == id);
        Assert.Equal(InvoiceStatus.Void, row.Status);
        Assert.Equal("Billed twice", row.VoidReason);
        Assert.Equal(0m, row.AmountDue);
        var listed = await _host.Invoices.ListAsync(portal, new InvoiceListQuery(), default);
        Assert.Equal(InvoiceStatus.Void, listed.Value!.Items.Single().Status);
        Assert.Equal(0m, (await _host.Get<AccountBalanceService>().GetAsync(portal, customer.Id, default)).Value!.AmountDue);
    }

    [Fact]
    public async Task Void_WithAllocatedPayment_IsRefused()
    {
        var customer = await _host.AddCustomerAsync();
        var id = await _host.SentInvoiceAsync(customer.Id);
        await PayAsync(customer.Id, id, 50m);

        var result = await _host.Invoices.VoidAsync(_host.Staff, id, "mistake", default);

        Assert.Equal(ResultKind.Conflict, result.Kind);
    }

    [Fact]
    public async Task AccountSummary_AddsWhatSentUnpaidInvoicesOweAndTheCreditLedger()
    {
        var customer = await _host.AddCustomerAsync();
        var other = await _host.AddCustomerAsync("Jones");
        var portal = await _host.PortalActorAsync(customer.Id);
        var partlyPaid = await _host.SentInvoiceAsync(customer.Id);
        var overdue = await _host.SentInvoiceAsync(customer.Id, _host.Today.AddDays(1));
        var paid = await _host.SentInvoiceAsync(customer.Id);
        var voided = await _host.SentInvoiceAsync(customer.Id);
        await _host.Invoices.CreateAsync(_host.Staff, DocumentsTestHost.InvoiceInput(customer.Id, _host.Today, _host.Today), default);
        await _host.SentInvoiceAsync(other.Id);
        await PayAsync(customer.Id, partlyPaid, 65m);
        await PayAsync(customer.Id, paid, 165m);
        await _host.Invoices.VoidAsync(_host.Staff, voided, "duplicate", default);
        await using (var db = await _host.DbAsync())
        {
            db.CreditEntries.Add(new CreditEntry(customer.Id, DateTime.UtcNow, 40m, CreditReason.TopUp, null, null, ""));
            db.CreditEntries.Add(new CreditEntry(customer.Id, DateTime.UtcNow, -15m, CreditReason.AppliedToInvoice, null, null, ""));
            db.CreditEntries.Add(new CreditEntry(other.Id, DateTime.UtcNow, 99m, CreditReason.TopUp, null, null, ""));
            await db.SaveChangesAsync();
        }
        _host.Clock.Now = _host.Clock.Now.AddDays(2);

        var summary = (await _host.Get<AccountBalanceService>().GetAsync(portal, customer.Id, default)).Value!;

        Assert.Equal(new AccountBalance(AmountDue: 100m + 165m, Overdue: 165m, AvailableCredit: 25m, UnpaidInvoices: 2, OverdueInvoices: 1), summary);
        Assert.Equal(InvoiceStatus.Overdue, (await _host.Invoices.GetAsync(_host.Staff, overdue, default)).Value!.Status);
    }

    [Fact]
    public async Task Get_ListsThePaymentsOnTheInvoice()
    {
        var customer = await _host.AddCustomerAsync();
        var portal = await _host.PortalActorAsync(customer.Id);
        var id = await _host.SentInvoiceAsync(customer.Id);
        await PayAsync(customer.Id, id, 65m);

        var invoice = (await _host.Invoices.GetAsync(portal, id, default)).Value!;

        Assert.Equal(InvoiceStatus.PartiallyPaid, invoice.Status);
        Assert.Equal(65m, invoice.AmountPaid);
        Assert.Equal(100m, invoice.AmountDue);
        Assert.Equal([65m], invoice.Payments.Select(p => p.Amount));
    }

    [Fact]
    public async Task CreateFromEstimate_CopiesTheAcceptedEstimatesLinesAndDiscount()
    {
        var customer = await _host.AddCustomerAsync();
        var portal = await _host.PortalActorAsync(customer.Id);
        var estimateInput = DocumentsTestHost.EstimateInput(customer.Id);
        estimateInput.DiscountKind = DiscountKind.Percent;
        estimateInput.DiscountValue = 10;
        var estimateId = await _host.SentEstimateAsync(customer.Id, estimateInput);
        Assert.Equal(ResultKind.Conflict, (await _host.Invoices.CreateFromEstimateAsync(_host.Staff, estimateId, default)).Kind);
        await _host.Estimates.AcceptAsync(portal, estimateId, new EstimateSignature("Pat Smith", "::1", "UA"), default);

        var created = await _host.Invoices.CreateFromEstimateAsync(_host.Staff, estimateId, default);

        Assert.True(created.Succeeded, created.Message);
        var invoice = (await _host.Invoices.GetAsync(_host.Staff, created.Value, default)).Value!;
        var estimate = (await _host.Estimates.GetAsync(_host.Staff, estimateId, default)).Value!;
        Assert.Equal(InvoiceStatus.Draft, invoice.Status);
        Assert.Equal(estimate.Totals, invoice.Totals);
        Assert.Equal(estimate.Lines, invoice.Lines);
        Assert.Equal(estimateId, invoice.EstimateId);
        Assert.Equal(ResultKind.Conflict, (await _host.Invoices.CreateFromEstimateAsync(_host.Staff, estimateId, default)).Kind);
    }

    [Fact]
    public async Task UpdateDraft_WithStaleVersion_IsAConflict()
    {
        var customer = await _host.AddCustomerAsync();
        var id = (await _host.Invoices.CreateAsync(_host.Staff, DocumentsTestHost.InvoiceInput(customer.Id, _host.Today, _host.Today.AddDays(30)), default)).Value;
        var first = (await _host.Invoices.GetInputAsync(_host.Staff, id, default)).Value!;
        var second = (await _host.Invoices.GetInputAsync(_host.Staff, id, default)).Value!;
        first.DiscountKind = DiscountKind.Amount;
        first.DiscountValue = 15;
        second.Title = "Something else";

        Assert.True((await _host.Invoices.ReviseDraftAsync(_host.Staff, id, first, default)).Succeeded);
        var conflict = await _host.Invoices.ReviseDraftAsync(_host.Staff, id, second, default);

        Assert.Equal(ResultKind.Conflict, conflict.Kind);
        Assert.Equal(InvoiceService.ConflictMessage, conflict.Message);
        var saved = (await _host.Invoices.GetAsync(_host.Staff, id, default)).Value!;
        Assert.Equal(new DocumentTotals(150m, 15m, 13.50m, 148.50m), saved.Totals);
        Assert.Equal("Boiler service", saved.Title);
    }

    [Fact]
    public async Task Create_DueBeforeIssue_IsInvalid()
    {
        var customer = await _host.AddCustomerAsync();

        var result = await _host.Invoices.CreateAsync(_host.Staff, DocumentsTestHost.InvoiceInput(customer.Id, _host.Today, _host.Today.AddDays(-1)), default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.True(result.Errors.ContainsKey(nameof(InvoiceInput.DueDate)));
    }

    private async Task PayAsync(int customerId, int invoiceId, decimal amount)
    {
        await using var db = await _host.DbAsync();
        var payment = new Payment($"PAY-{Guid.NewGuid():N}"[..12], customerId, _host.Clock.Now.UtcDateTime, PaymentMethod.Check, amount, "", PaymentStatus.Succeeded, 1, null);
        Assert.True(payment.AllocateToInvoice(invoiceId, amount).Succeeded);
        db.Payments.Add(payment);
        var invoice = await db.Invoices.SingleAsync(i => i.Id == invoiceId);
        invoice.ApplyPayments(new InvoicePayments(invoice.AmountPaid + amount, payment.ReceivedAtUtc, false), _host.Today);
        await db.SaveChangesAsync();
    }
}
