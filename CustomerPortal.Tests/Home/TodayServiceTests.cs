using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Home;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Core.Outbox;
using CustomerPortal.Core.Payments;
using CustomerPortal.Core.Requests;
using CustomerPortal.Core.Templates;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Home;

/// <summary>
/// The staff home on hand-built data, in a company in Los Angeles: the test clock stands at 08:00 there on Tuesday,
/// Mar 10, 2026 (15:00 UTC), so the company's day and the UTC day differ.
/// </summary>
public sealed class TodayServiceTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 3, 10);
    private MessagingKit _kit = null!;
    private Actor _staff = null!;

    private CoreServices Core => _kit.Core;
    private TodayService Today_ => Core.Get<TodayService>();

    public async Task InitializeAsync()
    {
        _kit = await MessagingKit.StartAsync();
        await Core.UpdateCompanyAsync(c => c.ChangeCurrencyAndTimeZone("USD", "America/Los_Angeles"));
        _staff = await _kit.StaffAsync("Morgan Staff");
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task GetAsync_PortalUser_IsRefused()
    {
        var customer = await _kit.CustomerAsync();
        var portalUser = await _kit.PortalUserAsync(customer.Id);

        Assert.Equal(ResultKind.Forbidden, (await Today_.GetAsync(portalUser, default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await Today_.GetAsync(TestActors.Customer(customer.Id), default)).Kind);
    }

    [Fact]
    public async Task GetAsync_EmptyCompany_HasEmptySectionsWithTheirLinks()
    {
        var board = await BoardAsync();

        Assert.Equal(Today, board.Today);
        Assert.Equal(0, board.VisitsToday.Count + board.WaitingThreads.Count + board.OverdueInvoices.Count + board.InvitedUsers.Count);
        Assert.Equal(0m, board.OverdueInvoices.Total);
        Assert.Equal(0m, board.PaymentsToday.Total);
        Assert.Equal("/staff/jobs?status=any&from=2026-03-10&to=2026-03-10", board.VisitsToday.Href);
        Assert.Equal("/staff/jobs?status=any&from=2026-03-11&to=2026-03-11", board.VisitsTomorrow.Href);
        Assert.Equal("/staff/messages?filter=waiting", board.WaitingThreads.Href);
        Assert.Equal("/staff/requests?filter=new", board.NewRequests.Href);
        Assert.Equal("/staff/estimates?status=waiting", board.WaitingEstimates.Href);
        Assert.Equal("/staff/estimates?status=waiting&expiresBy=2026-03-16", board.EstimatesExpiringThisWeek.Href);
        Assert.Equal("/staff/invoices?status=Overdue", board.OverdueInvoices.Href);
        Assert.Equal("/staff/payments?received=true&from=2026-03-10&to=2026-03-10", board.PaymentsToday.Href);
        Assert.Equal("/staff/outbox?status=Failed", board.FailedMessages.Href);
        Assert.Equal("/staff/customers?portal=invited", board.InvitedUsers.Href);
    }

    [Fact]
    public async Task GetAsync_Visits_SplitAtTheCompanysMidnightNotUtcs()
    {
        await using var db = await Core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db, "Visitson");
        var lateToday = await TestRecords.JobAsync(db, customer.Id, "Late today", Local(Today, 23, 30), technician: "Lee Late");
        var earlyTomorrow = await TestRecords.JobAsync(db, customer.Id, "Early tomorrow", Local(Today.AddDays(1), 0, 30));
        var earlyToday = await TestRecords.JobAsync(db, customer.Id, "Early today", Local(Today, 0, 30));
        await TestRecords.JobAsync(db, customer.Id, "Late yesterday", Local(Today.AddDays(-1), 23, 30));
        await TestRecords.JobAsync(db, customer.Id, "Day after tomorrow", Local(Today.AddDays(2), 0, 30));
        var cancelled = await TestRecords.JobAsync(db, customer.Id, "Called off", Local(Today, 10, 0));
        Assert.True(cancelled.Visits.Single().Cancel().Succeeded);
        await db.SaveChangesAsync();

        var board = await BoardAsync();

        Assert.Equal(2, board.VisitsToday.Count);
        Assert.Equal(["Early today", "Late today"], board.VisitsToday.Rows.Select(v => v.JobTitle));
        var late = board.VisitsToday.Rows[1];
        Assert.Equal(new DateTime(2026, 3, 10, 23, 30, 0), late.StartLocal);
        Assert.Equal("Lee Late", late.TechnicianName);
        Assert.Equal("Pat Visitson", late.CustomerName);
        Assert.Equal(VisitStatus.Scheduled, late.Status);
        Assert.Equal(lateToday.Number, late.JobNumber);
        Assert.Equal($"/staff/jobs/{lateToday.Id}", late.Href);
        Assert.Equal([earlyTomorrow.Id], board.VisitsTomorrow.Rows.Select(v => v.JobId));
        Assert.Equal(1, board.VisitsTomorrow.Count);
        Assert.Contains(earlyToday.Id, board.VisitsToday.Rows.Select(v => v.JobId));
    }

    [Fact]
    public async Task GetAsync_WaitingThreads_InternalNotesAreNoReplyAndOldestWaitComesFirst()
    {
        var customer = await _kit.CustomerAsync();
        var olivia = await _kit.PortalUserAsync(customer.Id);

        var onlyAsked = await ThreadAsync(customer.Id);
        await PostAtAsync(olivia, onlyAsked, "Is the part in?", minutesAgo: 90);

        var answered = await ThreadAsync(customer.Id);
        await PostAtAsync(olivia, answered, "Can you come Friday?", minutesAgo: 300);
        await PostAtAsync(_staff, answered, "Yes, at 9.", minutesAgo: 280);

        var noteOnly = await ThreadAsync(customer.Id);
        await PostAtAsync(olivia, noteOnly, "The tap drips again.", minutesAgo: 200);
        await PostAtAsync(_staff, noteOnly, "Ask Lee to take a washer.", minutesAgo: 190, internalNote: true);

        var askedAgain = await ThreadAsync(customer.Id);
        await PostAtAsync(olivia, askedAgain, "Question one", minutesAgo: 600);
        await PostAtAsync(_staff, askedAgain, "Answer one", minutesAgo: 590);
        await PostAtAsync(olivia, askedAgain, "Question two", minutesAgo: 120);
        await PostAtAsync(olivia, askedAgain, "Hello?", minutesAgo: 30);

        var done = await ThreadAsync(customer.Id);
        await PostAtAsync(olivia, done, "Thanks, all good!", minutesAgo: 1000);
        Assert.True((await _kit.Messaging.MarkDoneAsync(_staff, done, default)).Succeeded);
        Assert.True((await _kit.Messaging.AssignAsync(_staff, askedAgain, _staff.StaffUserId, default)).Succeeded);

        var board = await BoardAsync();

        var waiting = board.WaitingThreads;
        Assert.Equal(3, waiting.Count);
        Assert.Equal([noteOnly, askedAgain, onlyAsked], waiting.Rows.Select(r => r.Thread.Id));
        Assert.Equal(TimeSpan.FromMinutes(200), waiting.Rows[0].Waited);
        Assert.Equal(TimeSpan.FromMinutes(120), waiting.Rows[1].Waited);
        Assert.Equal(new DateTime(2026, 3, 10, 6, 0, 0), waiting.Rows[1].WaitingSinceLocal);
        Assert.Equal([true, false, true], waiting.Rows.Select(r => r.IsUnassigned));
        Assert.Equal("Morgan Staff", waiting.Rows[1].Thread.AssignedStaffName);
        Assert.Equal($"/staff/messages/{noteOnly}", waiting.Rows[0].Href);

        // The inbox's "Waiting" filter, which the tile links to, lists the same threads in the same order.
        var inbox = (await _kit.Messaging.InboxAsync(_staff, new InboxQuery(InboxFilter.Waiting), default)).Value!;
        Assert.Equal(waiting.Rows.Select(r => r.Thread.Id), inbox.Items.Select(t => t.Id));

        // A staff reply the customer can read answers it.
        await PostAtAsync(_staff, noteOnly, "Lee brings a washer tomorrow.", minutesAgo: 0);
        Assert.Equal([askedAgain, onlyAsked], (await BoardAsync()).WaitingThreads.Rows.Select(r => r.Thread.Id));
    }

    [Fact]
    public async Task GetAsync_WaitingThreads_ShowsTenOfMoreWithTheirCount()
    {
        var customer = await _kit.CustomerAsync();
        var olivia = await _kit.PortalUserAsync(customer.Id);
        for (var i = 0; i < TodayService.LongRows + 2; i++)
            await PostAtAsync(olivia, await ThreadAsync(customer.Id), $"Question {i}", minutesAgo: 100 - i);

        var waiting = (await BoardAsync()).WaitingThreads;

        Assert.Equal(TodayService.LongRows + 2, waiting.Count);
        Assert.Equal(TodayService.LongRows, waiting.Rows.Count);
        Assert.True(waiting.HasMore);
        Assert.Equal(TimeSpan.FromMinutes(100), waiting.Rows[0].Waited);
    }

    [Fact]
    public async Task GetAsync_NewRequests_CountsOnlyUnopenedOnes()
    {
        await using var db = await Core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db, "Requester");
        var first = await TestRecords.ServiceRequestAsync(db, customer.Id, "Leaking sink", createdAtUtc: Local(Today, 7, 0));
        var second = await TestRecords.ServiceRequestAsync(db, customer.Id, "Broken heater", createdAtUtc: Local(Today, 7, 30));
        var opened = await TestRecords.ServiceRequestAsync(db, customer.Id, "Opened already");
        Assert.True((await Core.Get<RequestDecisionService>().GetAsync(_staff, opened.Id, default)).Succeeded);

        var requests = (await BoardAsync()).NewRequests;

        Assert.Equal(2, requests.Count);
        Assert.Equal([second.Id, first.Id], requests.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task GetAsync_Estimates_WaitingForAnAnswerAndThoseExpiringWithinSevenDays()
    {
        await using var db = await Core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db, "Quoted");
        var noExpiry = await TestRecords.EstimateAsync(db, customer.Id, 100m, "Open-ended");
        var expiresToday = await TestRecords.EstimateAsync(db, customer.Id, 200m, "Last day", expires: Today);
        var expiresInSix = await TestRecords.EstimateAsync(db, customer.Id, 300m, "Sixth day", expires: Today.AddDays(6));
        var expiresInSeven = await TestRecords.EstimateAsync(db, customer.Id, 400m, "Next week", expires: Today.AddDays(7));
        await TestRecords.EstimateAsync(db, customer.Id, 500m, "Expired", expires: Today.AddDays(-1));
        await TestRecords.EstimateAsync(db, customer.Id, 600m, "Draft", send: false);

        var board = await BoardAsync();

        Assert.Equal(4, board.WaitingEstimates.Count);
        Assert.Equal([noExpiry.Id, expiresToday.Id, expiresInSix.Id, expiresInSeven.Id], board.WaitingEstimates.Rows.Select(e => e.Id).Order());
        Assert.Equal(2, board.EstimatesExpiringThisWeek.Count);
        Assert.Equal([expiresToday.Id, expiresInSix.Id], board.EstimatesExpiringThisWeek.Rows.Select(e => e.Id));
    }

    [Fact]
    public async Task GetAsync_OverdueInvoices_CountTotalAndOldestFirst()
    {
        await using var db = await Core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db, "Owing");
        var older = await TestRecords.SentInvoiceAsync(db, customer.Id, 100.25m, due: Today.AddDays(-30));
        var newer = await TestRecords.SentInvoiceAsync(db, customer.Id, 49.50m, due: Today.AddDays(-1));
        await TestRecords.SentInvoiceAsync(db, customer.Id, 70m, due: Today);
        await TestRecords.DraftInvoiceAsync(db, customer.Id, 80m, due: Today.AddDays(-10));
        var paid = await TestRecords.SentInvoiceAsync(db, customer.Id, 90m, due: Today.AddDays(-10));
        paid.ApplyPayments(new CustomerPortal.Core.Invoices.InvoicePayments(90m, Local(Today, 7, 0), false), Today);
        await db.SaveChangesAsync();

        var overdue = (await BoardAsync()).OverdueInvoices;

        Assert.Equal(2, overdue.Count);
        Assert.Equal(149.75m, overdue.Total);
        Assert.Equal([older.Id, newer.Id], overdue.Rows.Select(i => i.Id));
        Assert.Equal(100.25m, overdue.Rows[0].AmountDue);
    }

    [Fact]
    public async Task GetAsync_PaymentsToday_CountsMoneyReceivedOnTheCompanysDay()
    {
        await using var db = await Core.DbAsync();
        var customer = await TestRecords.CustomerAsync(db, "Payer");
        db.Payments.AddRange(
            Payment.Record("PAY-T1", customer.Id, Local(Today, 0, 10), PaymentMethod.Cash, 20.10m, "", "", _staff.StaffUserId),
            Payment.Record("PAY-T2", customer.Id, Local(Today, 23, 50), PaymentMethod.Check, 30.05m, "1234", "", _staff.StaffUserId),
            Payment.Record("PAY-Y", customer.Id, Local(Today.AddDays(-1), 23, 50), PaymentMethod.Cash, 1000m, "", "", _staff.StaffUserId),
            Payment.Record("PAY-C", customer.Id, Local(Today, 9, 0), PaymentMethod.AccountCredit, 500m, "", "", _staff.StaffUserId),
            Payment.StartCard("PAY-P", customer.Id, Local(Today, 9, 0), 700m, "USD", PaymentPurpose.CreditTopUp, null, null, Guid.NewGuid().ToString(), null));
        await db.SaveChangesAsync();

        var received = (await BoardAsync()).PaymentsToday;

        Assert.Equal(2, received.Count);
        Assert.Equal(50.15m, received.Total);
        Assert.Equal(["PAY-T2", "PAY-T1"], received.Rows.Select(p => p.Number));
    }

    [Fact]
    public async Task GetAsync_FailedMessagesAndInvitedPortalUsers()
    {
        await using var db = await Core.DbAsync();
        var now = Core.Clock.Now.UtcDateTime;
        var failed = new OutboxMessage(MessageChannel.Email, "wrong@example.test", "Wrong Address", "Your invoice", "Body", "invoice.sent", null, null, now);
        failed.MarkAttemptFailed("Mailbox does not exist", 5, now, permanent: true);
        var pending = new OutboxMessage(MessageChannel.Email, "ok@example.test", "Fine", "Your estimate", "Body", "estimate.sent", null, null, now);
        db.OutboxMessages.AddRange(failed, pending);

        var customer = await TestRecords.CustomerAsync(db, "Invitee");
        var archived = await TestRecords.CustomerAsync(db, "Gone");
        Assert.True(archived.Archive(now).Succeeded);
        var waitingUser = new PortalUser(customer.Id, TestAccounts.UniqueEmail("invited"), "Ivy Invited", PortalLoginMode.Password, now.AddDays(-3));
        var registered = new PortalUser(customer.Id, TestAccounts.UniqueEmail("registered"), "Rita Registered", PortalLoginMode.Password, now.AddDays(-5));
        Assert.True(registered.MarkRegistered(now).Succeeded);
        var ofArchived = new PortalUser(archived.Id, TestAccounts.UniqueEmail("archived"), "Archie", PortalLoginMode.Password, now.AddDays(-9));
        db.PortalUsers.AddRange(waitingUser, registered, ofArchived);
        await db.SaveChangesAsync();

        var board = await BoardAsync();

        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal([failed.Id], board.FailedMessages.Rows.Select(m => m.Id));
        Assert.Equal(1, board.FailedMessages.Count);
        // The longest invited first (an archived customer's too: the customer list shows them with "Show archived").
        Assert.Equal(2, board.InvitedUsers.Count);
        Assert.Equal(["Archie", "Ivy Invited"], board.InvitedUsers.Rows.Select(u => u.Name));
        var invited = board.InvitedUsers.Rows[1];
        Assert.Equal(("Ivy Invited", "Pat Invitee", $"/staff/customers/{customer.Id}"), (invited.Name, invited.CustomerName, invited.Href));
        // Three days ago was before the clocks went forward (Mar 8): 15:00 UTC was 07:00 there.
        Assert.Equal(new DateTime(2026, 3, 7, 7, 0, 0), invited.InvitedLocal);
    }

    private async Task<TodayBoard> BoardAsync()
    {
        var result = await Today_.GetAsync(_staff, default);
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    /// <summary>A company-local time in Los Angeles, as UTC.</summary>
    private static DateTime Local(DateOnly day, int hour, int minute)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        return TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, minute)), zone);
    }

    private async Task<int> ThreadAsync(int customerId) => await _kit.JobThreadAsync(customerId, _staff);

    private async Task PostAtAsync(Actor actor, int threadId, string body, int minutesAgo, bool internalNote = false)
    {
        var now = Core.Clock.Now;
        Core.Clock.Now = now.AddMinutes(-minutesAgo);
        try
        {
            await _kit.PostAsync(actor, threadId, body, internalNote);
        }
        finally
        {
            Core.Clock.Now = now;
        }
    }
}
