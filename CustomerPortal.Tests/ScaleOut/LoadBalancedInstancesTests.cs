using System.Net;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Core.Payments;
using CustomerPortal.Tests.Payments.Stripe;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CustomerPortal.Tests.ScaleOut;

/// <summary>
/// Two app instances on one PostgreSQL database and one Redis, behind nginx with sticky sessions (README "Scale-out"):
/// a customer on one instance and staff on the other chat and see each other's changes live, and a Stripe event that
/// reaches both instances at once is recorded once.
/// </summary>
[Trait("Kind", "Browser")]
[Trait("Database", "OwnServer")]
public sealed class LoadBalancedInstancesTests(LoadBalancedInstances apps) : IClassFixture<LoadBalancedInstances>
{
    [Fact]
    public async Task CustomerOnOneInstance_StaffOnTheOther_ChatAndSeeEachOthersChangesLive()
    {
        var (first, second) = (apps.First, apps.Second);
        var customer = await TestAccounts.CreateCustomerAsync(first, "Balanced");
        var user = await TestAccounts.CreatePortalUserAsync(first, customer.Id);
        var staffUser = await TestAccounts.CreateStaffAsync(first);
        int jobId;
        await using (var db = await first.CreateDbContextAsync()) jobId = (await TestRecords.JobAsync(db, customer.Id, "Service the boiler")).Id;

        var portal = await apps.NewPageOnAsync(first);
        await new LoginPage(portal).SignInToPortalAsync(user.Email);
        var served = await portal.GotoAsync($"/portal/jobs/{jobId}");
        Assert.Equal(LoadBalancedInstances.UpstreamOf(first), await served!.HeaderValueAsync("x-upstream"));
        await Assertions.Expect(portal.Locator("[data-live-thread='on']")).ToHaveCountAsync(1);
        await Assertions.Expect(portal.GetByTestId("status").First).ToHaveTextAsync(JobStatusText.Of(JobStatus.Unscheduled));

        var staff = await apps.NewPageOnAsync(second);
        await new LoginPage(staff).SignInAsStaffAsync(staffUser.Email);
        served = await staff.GotoAsync($"/staff/jobs/{jobId}");
        Assert.Equal(LoadBalancedInstances.UpstreamOf(second), await served!.HeaderValueAsync("x-upstream"));
        await Assertions.Expect(staff.Locator("[data-live-thread='on']")).ToHaveCountAsync(1);

        // The customer asks through the first instance; staff, on the second, see it without a reload and answer.
        var portalThread = portal.GetByTestId("thread");
        await portalThread.GetByLabel("Message", new() { Exact = true }).FillAsync("Can you come before noon?");
        await portalThread.GetByTestId("send").ClickAsync();
        var staffThread = staff.GetByTestId("thread");
        await Assertions.Expect(staffThread.GetByTestId("message")).ToHaveCountAsync(1);
        await Assertions.Expect(staffThread.GetByTestId("message")).ToContainTextAsync("Can you come before noon?");
        await staffThread.Locator("textarea").FillAsync("Yes, Robin will be there at 10.");
        await staffThread.GetByTestId("send").ClickAsync();
        await Assertions.Expect(portalThread.GetByTestId("message")).ToHaveCountAsync(2);
        await Assertions.Expect(portalThread.GetByTestId("message").Last).ToContainTextAsync("Robin will be there at 10.");

        // Staff schedule the visit on the second instance: the customer's open page on the first shows it.
        var start = DateTime.Today.AddDays(2).AddHours(10);
        var scheduled = await second.Get<JobService>().ScheduleVisitAsync(staffUser.ToActor(), jobId, new VisitInput(start, start.AddHours(1), "Robin Balancer"), default);
        Assert.True(scheduled.Succeeded, scheduled.Message);
        await Assertions.Expect(portal.GetByTestId("visit")).ToContainTextAsync("Robin Balancer");
        await Assertions.Expect(portal.GetByTestId("status").First).ToHaveTextAsync(JobStatusText.Of(JobStatus.Scheduled));
        await BrowserFixture.ScreenshotAsync(portal, "scale-out-portal-job-1280");
        await BrowserFixture.ScreenshotAsync(staff, "scale-out-staff-job-1280");

        await portal.Context.CloseAsync();
        await staff.Context.CloseAsync();
    }

    [Fact]
    public async Task MessagesPostedAtOnceOnBothInstances_ReachEachInstanceInStoreOrder()
    {
        var (first, second) = (apps.First, apps.Second);
        var customer = await TestAccounts.CreateCustomerAsync(first, "Ordered");
        var user = await TestAccounts.CreatePortalUserAsync(first, customer.Id);
        var staff = (await TestAccounts.CreateStaffAsync(first)).ToActor();
        var customerActor = user.ToActor(CustomerPortal.Core.Access.PortalModules.All, null);
        int threadId;
        await using (var db = await first.CreateDbContextAsync())
        {
            var job = await TestRecords.JobAsync(db, customer.Id, "Ordering");
            var thread = await first.Get<MessagingService>().GetThreadForSubjectAsync(staff, ThreadSubject.Job, job.Id, default);
            threadId = thread.Value!.Summary.Id;
        }

        // What each instance's bus hands its screens and hub connections, in the order it hands it. On the second
        // instance, handing over an event that did not come straight from a post made there takes a moment, as on a
        // busy instance: the first instance's messages then queue there, and the second's own next post must not
        // overtake them. (The flag marks the posting call's own flow; an event delivered from anywhere else lacks it.)
        var postingHere = new AsyncLocal<bool>();
        var seen = new[] { new List<long>(), new List<long>() };
        var listeners = new[] { first, second }.Select((app, i) => app.Get<LiveEventBus>().Listen(async e =>
        {
            if (e is not MessagePosted posted || posted.Message.ThreadId != threadId) return;
            if (i == 1 && !postingHere.Value) await Task.Delay(30);
            lock (seen[i]) seen[i].Add(posted.Message.Id);
        })).ToList();
        try
        {
            const int perInstance = 20;
            var posts = Enumerable.Range(0, perInstance * 2).Select(async n =>
            {
                await Task.Yield();
                var (app, actor) = n % 2 == 0 ? (first, staff) : (second, customerActor);
                postingHere.Value = true;
                var posted = await app.Get<MessagingService>().PostAsync(actor, new PostMessage(threadId, Guid.NewGuid(), $"Message {n}"), default);
                Assert.True(posted.Succeeded, posted.Message);
            });
            await Task.WhenAll(posts);

            var until = DateTime.UtcNow.AddSeconds(15);
            while (seen.Any(s => { lock (s) return s.Count < perInstance * 2; }) && DateTime.UtcNow < until) await Task.Delay(100);
            foreach (var ids in seen)
            {
                lock (ids)
                {
                    Assert.Equal(perInstance * 2, ids.Count);
                    Assert.Equal(ids.Order(), ids);
                }
            }
        }
        finally
        {
            foreach (var listener in listeners) listener.Dispose();
        }
    }

    [Fact]
    public async Task AStripeEvent_DeliveredThroughNginxToBothInstancesAtOnce_IsRecordedOnce()
    {
        var (first, second) = (apps.First, apps.Second);
        int customerId, invoiceId;
        await using (var db = await first.CreateDbContextAsync())
        {
            customerId = (await TestRecords.CustomerAsync(db)).Id;
            invoiceId = (await TestRecords.SentInvoiceAsync(db, customerId, 90m)).Id;
        }
        var started = await first.Get<CardPaymentService>().StartAsync(TestActors.Customer(customerId), CardPaymentRequest.ForInvoice(invoiceId, Guid.NewGuid().ToString("N")), default);
        Assert.True(started.Succeeded, started.Message);
        apps.Stripe.ConfirmInBrowser(started.Value!.ProcessorPaymentId, FakeStripeServer.SuccessCard);
        var payload = StripeWebhookRequests.Event(StripeWebhookRequests.NewEventId(), "payment_intent.succeeded", apps.Stripe.Object(started.Value.ProcessorPaymentId, expandCharge: false));
        using var toFirst = await apps.ClientThroughNginxToAsync(first);
        using var toSecond = await apps.ClientThroughNginxToAsync(second);

        // Stripe retries a delivery it thinks failed; here the retries land on both instances at the same moment.
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            StripeWebhookRequests.PostAsync(i % 2 == 0 ? toFirst : toSecond, payload, StripeSignatures.Header(payload, DateTimeOffset.UtcNow))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        await using var check = await second.CreateDbContextAsync();
        var payment = await check.Payments.AsNoTracking().SingleAsync(p => p.Id == started.Value.PaymentId);
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal(1, await check.ProcessorEventReceipts.CountAsync(r => r.PaymentId == payment.Id));
        Assert.Single(await check.PaymentAllocations.Where(a => a.PaymentId == payment.Id).ToListAsync());
        Assert.Equal(InvoiceStatus.Paid, (await check.Invoices.SingleAsync(i => i.Id == invoiceId)).Status);
    }

    [Fact]
    public async Task TheClientAddress_IsTheOneNginxSaw_NotOneTheClientMadeUp()
    {
        var user = await TestAccounts.CreatePortalUserAsync(apps.First, (await TestAccounts.CreateCustomerAsync(apps.First, "Forwarded")).Id);

        // Through nginx: the client's own X-Forwarded-For is ignored; the address nginx saw (loopback here) is recorded.
        using (var throughNginx = await apps.ClientThroughNginxToAsync(apps.First))
        {
            throughNginx.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
            Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(throughNginx, user.Email)).StatusCode);
        }
        // From the trusted proxy's address (as nginx would send it), the forwarded client address is believed.
        using (var asTheProxy = apps.First.CreateHttpClient())
        {
            asTheProxy.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.7");
            Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PortalAsync(asTheProxy, user.Email)).StatusCode);
        }

        await using var db = await apps.First.CreateDbContextAsync();
        var addresses = await db.AuditEvents.Where(e => e.Action == AuditActions.SignedIn && e.ActorId == user.Id.ToString())
            .OrderBy(e => e.Id).Select(e => e.IpAddress).ToListAsync();
        Assert.Equal(["127.0.0.1", "198.51.100.7"], addresses);
    }
}
