using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Notifications;
using CustomerPortal.Core.Outbox;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Templates;
using CustomerPortal.Core.Templates.MergeTags;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Notifications;

/// <summary>What the product sends by itself: estimate reminders, overdue notices and review requests, each once.</summary>
public sealed class ReminderServiceTests : IAsyncLifetime
{
    private DocumentsTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await DocumentsTestHost.StartAsync(services: s => s.PostConfigure<NotificationOptions>(o => o.ReviewRequestAfterHours = 2));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private ReminderService Reminders => _host.Get<ReminderService>();

    [Fact]
    public async Task AnUnansweredEstimate_IsRemindedOnce_AfterTheConfiguredDays()
    {
        var customer = await _host.AddCustomerAsync();
        await _host.AddPortalUserAsync(customer.Id);
        var estimateId = await _host.SentEstimateAsync(customer.Id);

        _host.Clock.Now = _host.Clock.Now.AddDays(2);
        Assert.Equal(0, (await Reminders.RunAsync(default)).EstimateReminders);

        _host.Clock.Now = _host.Clock.Now.AddDays(1).AddMinutes(1);
        Assert.Equal(1, (await Reminders.RunAsync(default)).EstimateReminders);
        Assert.Equal(0, (await Reminders.RunAsync(default)).EstimateReminders);

        var reminder = Assert.Single(await OutboxAsync(TemplateEvent.EstimateReminder));
        AssertLinksTo(reminder, PortalPaths.Estimate(estimateId));
        await using var db = await _host.DbAsync();
        Assert.NotNull((await db.Estimates.SingleAsync(e => e.Id == estimateId)).ReminderSentAtUtc);
    }

    [Fact]
    public async Task AnAnsweredEstimate_IsNotReminded()
    {
        var customer = await _host.AddCustomerAsync();
        var actor = await _host.PortalActorAsync(customer.Id);
        var estimateId = await _host.SentEstimateAsync(customer.Id);
        var declined = await _host.Estimates.DeclineAsync(actor, estimateId, "Too dear", default);
        Assert.True(declined.Succeeded, declined.Message);

        _host.Clock.Now = _host.Clock.Now.AddDays(4);

        Assert.Equal(0, (await Reminders.RunAsync(default)).EstimateReminders);
    }

    [Fact]
    public async Task TwoChecksAtOnce_RemindOnce()
    {
        var customer = await _host.AddCustomerAsync();
        await _host.AddPortalUserAsync(customer.Id);
        for (var i = 0; i < 5; i++) await _host.SentEstimateAsync(customer.Id);
        _host.Clock.Now = _host.Clock.Now.AddDays(4);
        // A second service on the same database stands for a second app instance.
        var other = ActivatorUtilities.CreateInstance<ReminderService>(_host.Get<IServiceProvider>());

        var results = await Task.WhenAll(Reminders.RunAsync(default), other.RunAsync(default));

        Assert.Equal(5, results.Sum(r => r.EstimateReminders));
        Assert.Equal(5, (await OutboxAsync(TemplateEvent.EstimateReminder)).Count);
    }

    [Fact]
    public async Task AnOverdueInvoice_IsNoticedTheDayAfterItsDueDate_ThenEveryWeek_UntilPaid()
    {
        var customer = await _host.AddCustomerAsync();
        await _host.AddPortalUserAsync(customer.Id);
        var invoiceId = await _host.SentInvoiceAsync(customer.Id, _host.Today.AddDays(1));

        _host.Clock.Now = _host.Clock.Now.AddDays(1);
        Assert.Equal(0, (await Reminders.RunAsync(default)).OverdueNotices);
        _host.Clock.Now = _host.Clock.Now.AddDays(1);
        Assert.Equal(1, (await Reminders.RunAsync(default)).OverdueNotices);
        _host.Clock.Now = _host.Clock.Now.AddDays(6);
        Assert.Equal(0, (await Reminders.RunAsync(default)).OverdueNotices);
        _host.Clock.Now = _host.Clock.Now.AddDays(1).AddMinutes(1);
        Assert.Equal(1, (await Reminders.RunAsync(default)).OverdueNotices);

        var notice = (await OutboxAsync(TemplateEvent.InvoiceOverdue))[0];
        AssertLinksTo(notice, PortalPaths.Invoice(invoiceId));

        await using (var db = await _host.DbAsync())
        {
            var due = (await db.Invoices.SingleAsync(i => i.Id == invoiceId)).AmountDue;
            var paid = await _host.Get<PaymentService>().RecordAsync(_host.Staff, new RecordPaymentInput(customer.Id, PaymentMethod.Cash, due, _host.Today, "", "",
                [new AllocationInput(invoiceId, null, due)]), default);
            Assert.True(paid.Succeeded, paid.Message);
        }
        _host.Clock.Now = _host.Clock.Now.AddDays(8);
        Assert.Equal(0, (await Reminders.RunAsync(default)).OverdueNotices);
        Assert.Equal(2, (await OutboxAsync(TemplateEvent.InvoiceOverdue)).Count);
    }

    [Fact]
    public async Task ACompletedJob_GetsItsReviewRequest_HoursLater_Once()
    {
        var customer = await _host.AddCustomerAsync();
        await _host.AddPortalUserAsync(customer.Id);
        int jobId;
        await using (var db = await _host.DbAsync()) jobId = (await TestRecords.JobAsync(db, customer.Id)).Id;
        var done = await _host.Get<JobService>().ChangeStatusAsync(_host.Staff, jobId, JobStatus.Completed, default);
        Assert.True(done.Succeeded, done.Message);

        _host.Clock.Now = _host.Clock.Now.AddHours(1);
        Assert.Equal(0, (await Reminders.RunAsync(default)).ReviewRequests);
        _host.Clock.Now = _host.Clock.Now.AddHours(1).AddMinutes(1);
        Assert.Equal(1, (await Reminders.RunAsync(default)).ReviewRequests);
        Assert.Equal(0, (await Reminders.RunAsync(default)).ReviewRequests);

        var request = Assert.Single(await OutboxAsync(TemplateEvent.ReviewRequest));
        AssertLinksTo(request, PortalPaths.RateUsForJob(jobId));
    }

    /// <summary>The message has a deep link signed for its own recipient that leads to <paramref name="target"/>.</summary>
    private void AssertLinksTo(OutboxMessage message, string target) =>
        Assert.Contains((message.PortalUserId!.Value, target), Links.LinkTestData.DeepLinksIn(_host.Get<DeepLinks>(), message.HtmlBody));

    private async Task<List<OutboxMessage>> OutboxAsync(TemplateEvent templateEvent)
    {
        var key = TemplateKeys.Of(templateEvent);
        await using var db = await _host.DbAsync();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.TemplateKey == key && m.Channel == MessageChannel.Email).OrderBy(m => m.Id).ToListAsync();
    }
}
