using CustomerPortal.Core.Access;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Outbox;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Templates;
using CustomerPortal.Core.Templates.MergeTags;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Notifications;

/// <summary>The events that tell customers by themselves: visits, completed jobs, receipts, invitations; e-mail and SMS, by the customer's choices.</summary>
public sealed class CustomerNotificationsTests : IAsyncLifetime
{
    private const string Mobile = "(212) 555-0187";
    private DocumentsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await DocumentsTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private JobService Jobs => _host.Get<JobService>();

    [Fact]
    public async Task AVisitToCome_IsAnnouncedByEmailToEachUserWhoSeesJobs_AndByTextToTheCustomersPhone()
    {
        var customer = await CustomerAsync(sms: true);
        var seesJobs = await _host.AddPortalUserAsync(customer.Id, "Jo Jobs");
        await _host.AddPortalUserAsync(customer.Id, "Ivy Invoices", u => u.ChangePermissions(PortalModules.Invoices, true, true, true));
        var job = await JobAsync(customer.Id);

        var visit = await Jobs.ScheduleVisitAsync(_host.Staff, job.Id,
            new VisitInput(new DateTime(2026, 3, 12, 9, 0, 0), new DateTime(2026, 3, 12, 11, 0, 0), "Alex Tech"), default);

        Assert.True(visit.Succeeded, visit.Message);
        var sent = await OutboxAsync(TemplateEvent.VisitScheduled);
        var email = Assert.Single(sent, m => m.Channel == MessageChannel.Email);
        Assert.Equal(seesJobs.Email, email.ToAddress);
        Assert.Contains("Thu, Mar 12, 2026", email.Body);
        Assert.Contains("9:00 AM – 11:00 AM", email.Body);
        Assert.Contains("Alex Tech", email.Body);
        AssertLinksTo(email, PortalPaths.Job(job.Id));
        Assert.NotEqual("", email.UnsubscribeUrl);
        Assert.False(email.IsMarketing);
        var text = Assert.Single(sent, m => m.Channel == MessageChannel.Sms);
        Assert.Equal("+12125550187", text.ToAddress);
        Assert.Contains("Thu, Mar 12, 2026", text.Body);
    }

    [Fact]
    public async Task AVisitInThePast_OrANoteChange_TellsNobody_ButAMoveDoes()
    {
        var customer = await CustomerAsync();
        await _host.AddPortalUserAsync(customer.Id);
        var job = await JobAsync(customer.Id);
        var past = await Jobs.ScheduleVisitAsync(_host.Staff, job.Id,
            new VisitInput(new DateTime(2026, 3, 1, 9, 0, 0), new DateTime(2026, 3, 1, 10, 0, 0), "Alex Tech"), default);
        Assert.True(past.Succeeded, past.Message);
        Assert.Empty(await OutboxAsync(TemplateEvent.VisitScheduled));

        var coming = await Jobs.ScheduleVisitAsync(_host.Staff, job.Id,
            new VisitInput(new DateTime(2026, 3, 20, 9, 0, 0), new DateTime(2026, 3, 20, 10, 0, 0), "Alex Tech"), default);
        Assert.Single(await OutboxAsync(TemplateEvent.VisitScheduled));

        var notes = await Jobs.RescheduleVisitAsync(_host.Staff, coming.Value,
            new VisitInput(new DateTime(2026, 3, 20, 9, 0, 0), new DateTime(2026, 3, 20, 10, 0, 0), "Alex Tech", "Gate code 1234"), default);
        Assert.True(notes.Succeeded, notes.Message);
        Assert.Single(await OutboxAsync(TemplateEvent.VisitScheduled));

        var moved = await Jobs.RescheduleVisitAsync(_host.Staff, coming.Value,
            new VisitInput(new DateTime(2026, 3, 21, 13, 0, 0), new DateTime(2026, 3, 21, 15, 0, 0), "Alex Tech", "Gate code 1234"), default);
        Assert.True(moved.Succeeded, moved.Message);
        var sent = await OutboxAsync(TemplateEvent.VisitScheduled);
        Assert.Equal(2, sent.Count);
        Assert.Contains("Sat, Mar 21, 2026", sent[^1].Body);
    }

    [Fact]
    public async Task ACompletedJob_TellsTheCustomer_WithALinkToTheJob()
    {
        var customer = await CustomerAsync();
        await _host.AddPortalUserAsync(customer.Id);
        var job = await JobAsync(customer.Id);

        var done = await Jobs.ChangeStatusAsync(_host.Staff, job.Id, JobStatus.Completed, default);

        Assert.True(done.Succeeded, done.Message);
        var email = Assert.Single(await OutboxAsync(TemplateEvent.JobCompleted));
        Assert.Contains(job.Number, email.Body);
        AssertLinksTo(email, PortalPaths.Job(job.Id));
    }

    [Fact]
    public async Task AReceivedPayment_SendsAReceipt_ButCreditAppliedByStaffDoesNot()
    {
        var customer = await CustomerAsync();
        await _host.AddPortalUserAsync(customer.Id);
        int invoiceId;
        await using (var db = await _host.DbAsync()) invoiceId = (await TestRecords.SentInvoiceAsync(db, customer.Id, 300m)).Id;
        var payments = _host.Get<PaymentService>();

        var paid = await payments.RecordAsync(_host.Staff, new RecordPaymentInput(customer.Id, PaymentMethod.Check, 400m, _host.Today, "1001", "",
            [new AllocationInput(invoiceId, null, 300m)]), default);

        Assert.True(paid.Succeeded, paid.Message);
        var receipt = Assert.Single(await OutboxAsync(TemplateEvent.PaymentReceipt));
        Assert.Contains("$400.00", receipt.Body);
        AssertLinksTo(receipt, PortalPaths.Payment(paid.Value));

        int secondInvoice;
        await using (var db = await _host.DbAsync()) secondInvoice = (await TestRecords.SentInvoiceAsync(db, customer.Id, 50m)).Id;
        var credit = await payments.ApplyCreditAsync(_host.Staff, customer.Id, secondInvoice, 50m, default);
        Assert.True(credit.Succeeded, credit.Message);
        Assert.Single(await OutboxAsync(TemplateEvent.PaymentReceipt));
    }

    [Theory]
    [InlineData(false, true, 0, true)]
    [InlineData(true, false, 1, false)]
    [InlineData(false, false, 0, false)]
    public async Task TheCustomersChoices_DecideBetweenEmailAndText(bool emails, bool texts, int expectedEmails, bool expectedText)
    {
        var customer = await CustomerAsync(sms: texts, email: emails);
        await _host.AddPortalUserAsync(customer.Id);
        var job = await JobAsync(customer.Id);

        await Jobs.ChangeStatusAsync(_host.Staff, job.Id, JobStatus.Completed, default);

        var sent = await OutboxAsync(TemplateEvent.JobCompleted);
        Assert.Equal(expectedEmails, sent.Count(m => m.Channel == MessageChannel.Email));
        Assert.Equal(expectedText, sent.Any(m => m.Channel == MessageChannel.Sms));
    }

    [Fact]
    public async Task WithThePortalOffForTheCustomer_NobodyIsTold()
    {
        var customer = await CustomerAsync(sms: true);
        await _host.AddPortalUserAsync(customer.Id);
        await using (var db = await _host.DbAsync())
        {
            var tracked = await db.Customers.SingleAsync(c => c.Id == customer.Id);
            tracked.ClosePortal();
            await db.SaveChangesAsync();
        }
        var job = await JobAsync(customer.Id);

        await Jobs.ChangeStatusAsync(_host.Staff, job.Id, JobStatus.Completed, default);

        Assert.Empty(await OutboxAsync(TemplateEvent.JobCompleted));
    }

    private async Task<Customer> CustomerAsync(bool sms = false, bool email = true)
    {
        var customer = await _host.AddCustomerAsync($"Smith{Guid.NewGuid():N}"[..12]);
        await using var db = await _host.DbAsync();
        var tracked = await db.Customers.SingleAsync(c => c.Id == customer.Id);
        tracked.ChangeContactDetails(tracked.Email, Mobile);
        tracked.ChangePreferences(email, sms, false);
        await db.SaveChangesAsync();
        return tracked;
    }

    private async Task<Job> JobAsync(int customerId)
    {
        await using var db = await _host.DbAsync();
        return await TestRecords.JobAsync(db, customerId);
    }

    /// <summary>The message has a deep link signed for its own recipient that leads to <paramref name="target"/>.</summary>
    private void AssertLinksTo(OutboxMessage message, string target) =>
        Assert.Contains((message.PortalUserId!.Value, target), Links.LinkTestData.DeepLinksIn(_host.Get<DeepLinks>(), message.HtmlBody));

    private async Task<List<OutboxMessage>> OutboxAsync(TemplateEvent templateEvent)
    {
        var key = TemplateKeys.Of(templateEvent);
        await using var db = await _host.DbAsync();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.TemplateKey == key).OrderBy(m => m.Id).ToListAsync();
    }
}
