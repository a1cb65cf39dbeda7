using System.Net;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Demo;
using CustomerPortal.Core.Estimates;
using CustomerPortal.Core.Files;
using CustomerPortal.Core.Invoices;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Messaging;
using CustomerPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Tests.Data;

[Collection(DemoAppCollection.Name)]
public sealed class DemoDataTests(DemoAppFixture fixture)
{
    private readonly DemoAppFactory _app = fixture.App;

    private string Password => _app.Services.GetRequiredService<IOptions<DemoDataOptions>>().Value.Password;

    [Fact]
    public async Task Seed_HasEstimatesInEveryStatus_WithLinesAndAnAcceptanceRecord()
    {
        await using var db = await _app.CreateDbContextAsync();
        var estimates = await db.Estimates.Include(e => e.Lines).ToListAsync();

        Assert.Equal(Enum.GetValues<EstimateStatus>().Order(), estimates.Select(e => e.Status).Distinct().Order());
        Assert.All(estimates, e => Assert.NotEmpty(e.Lines));
        Assert.All(estimates, e => Assert.True(e.Total > 0));
        var accepted = estimates.Where(e => e.Status == EstimateStatus.Accepted).ToList();
        Assert.All(accepted, e => Assert.False(string.IsNullOrWhiteSpace(e.Acceptance?.SignedName)));
        Assert.Contains(accepted, e => e.ConvertedJobId is not null);
    }

    [Fact]
    public async Task Seed_HasPaidPartPaidOverdueAndDraftInvoices_PaidByAllocations()
    {
        await using var db = await _app.CreateDbContextAsync();
        var invoices = await db.Invoices.ToListAsync();
        var allocations = await db.PaymentAllocations.Where(a => a.InvoiceId != null).ToListAsync();

        foreach (var status in new[] { InvoiceStatus.Paid, InvoiceStatus.PartiallyPaid, InvoiceStatus.Overdue, InvoiceStatus.Draft })
            Assert.Contains(invoices, i => i.Status == status);
        Assert.All(invoices, i => Assert.Equal(allocations.Where(a => a.InvoiceId == i.Id).Sum(a => a.Amount), i.AmountPaid));
        Assert.All(invoices, i => Assert.Equal(Math.Max(0, i.Total - i.AmountPaid), i.AmountDue));
        Assert.True(await db.CreditEntries.AnyAsync());
    }

    [Fact]
    public async Task Seed_HasJobsInEachStageAndAProjectAt40Percent()
    {
        await using var db = await _app.CreateDbContextAsync();
        var jobs = await db.Jobs.Include(j => j.Visits).ToListAsync();
        var project = await db.Projects.SingleAsync();

        foreach (var status in new[] { JobStatus.Scheduled, JobStatus.InProgress, JobStatus.Completed })
            Assert.Contains(jobs, j => j.Status == status);
        Assert.All(jobs, j => Assert.NotEmpty(j.Visits));
        Assert.All(jobs.SelectMany(j => j.Visits), v => Assert.False(string.IsNullOrWhiteSpace(v.TechnicianName)));
        Assert.Equal(40, project.CompletionPercent);
        Assert.True(jobs.Count(j => j.ProjectId == project.Id) >= 2);
    }

    [Fact]
    public async Task Seed_HasBeforeAndAfterPicturesWhoseFilesExist()
    {
        await using var db = await _app.CreateDbContextAsync();
        var pictures = await db.Attachments.Where(a => a.Kind == AttachmentKind.Picture).ToListAsync();
        var store = _app.Services.GetRequiredService<IFileStore>();

        Assert.Contains(pictures, p => p.Tag == PictureTag.Before);
        Assert.Contains(pictures, p => p.Tag == PictureTag.After);
        Assert.All(pictures, p => Assert.True(p.VisibleToCustomer));
        foreach (var picture in pictures)
        {
            foreach (var name in new[] { picture.StoredFileName, picture.ThumbnailFileName })
            {
                await using var file = await store.OpenReadAsync(name, default);
                Assert.NotNull(file);
                var header = new byte[3];
                await file.ReadExactlyAsync(header);
                Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, header);
            }
        }
    }

    [Fact]
    public async Task Seed_HasANewRequestWithAPhotoAConvertedOneAndADeclinedOneWithItsMessage()
    {
        await using var db = await _app.CreateDbContextAsync();
        var requests = await db.ServiceRequests.ToListAsync();

        var open = Assert.Single(requests, r => r.Status == ServiceRequestStatus.New);
        Assert.Equal(1, await db.Attachments.CountAsync(a => a.ServiceRequestId == open.Id && a.Kind == AttachmentKind.Picture));
        var converted = Assert.Single(requests, r => r.Status == ServiceRequestStatus.Converted);
        Assert.Equal(converted.CustomerId, (await db.Estimates.SingleAsync(e => e.Id == converted.EstimateId)).CustomerId);
        var declined = Assert.Single(requests, r => r.Status == ServiceRequestStatus.Declined);
        var thread = await db.MessageThreads.Include(t => t.Messages).SingleAsync(t => t.SubjectKind == ThreadSubject.Request && t.SubjectId == declined.Id);
        Assert.Equal(declined.DeclineReason, Assert.Single(thread.Messages).Body);
        Assert.All(requests, r => Assert.False(r.ServiceAddress.IsEmpty));
    }

    [Fact]
    public async Task Seed_PeopleAndMessages_AreRealisticAndOnExampleDotCom()
    {
        await using var db = await _app.CreateDbContextAsync();
        var users = await db.PortalUsers.ToListAsync();
        var customers = await db.Customers.Include(c => c.Contacts).Include(c => c.ServiceAddresses).ToListAsync();
        var threads = await db.MessageThreads.Include(t => t.Messages).ToListAsync();

        Assert.True(customers.Count >= 6);
        Assert.Contains(customers, c => c.ServiceAddresses.Count >= 2);
        Assert.Contains(users.GroupBy(u => u.CustomerId), g => g.Count() >= 2);
        Assert.True(users.Select(u => u.CustomerId).Distinct().Count() >= 2);
        Assert.Contains(users, u => u.Status == PortalUserStatus.Invited && u.LoginMode == PortalLoginMode.Password);
        var emails = users.Select(u => u.Email)
            .Concat(customers.Select(c => c.Email))
            .Concat(customers.SelectMany(c => c.Contacts).Select(c => c.Email))
            .Concat(await db.StaffUsers.Select(s => s.Email).ToListAsync())
            .Concat(await db.CompanySettings.Select(c => c.Email).ToListAsync());
        Assert.All(emails, e => Assert.EndsWith("@example.com", e));
        var requestThread = Assert.Single(threads, t => t.SubjectKind == ThreadSubject.Request);
        Assert.Equal(MessageAuthorKind.Staff, Assert.Single(requestThread.Messages).AuthorKind);
        threads.Remove(requestThread);
        Assert.Equal(4, threads.Count);
        Assert.All(threads.Where(t => t.SubjectKind != ThreadSubject.General), t => Assert.True(t.Messages.Count >= 2));
        var unanswered = Assert.Single(threads, t => t.SubjectKind == ThreadSubject.General);
        Assert.Equal(MessageAuthorKind.Customer, Assert.Single(unanswered.Messages).AuthorKind);
        Assert.Contains(threads.SelectMany(t => t.Messages), m => m.IsInternalNote);
        Assert.All(threads, t => Assert.Equal(t.Messages.Max(m => m.Id), t.LastMessageId));
    }

    [Fact]
    public async Task Seed_TakesNumbersFromTheSequences()
    {
        await using var db = await _app.CreateDbContextAsync();
        var next = await db.DocumentNumberSequences.ToDictionaryAsync(s => s.Prefix, s => s.NextValue);

        Assert.Equal(1001 + await db.Estimates.CountAsync(), next["EST"]);
        Assert.Equal(1001 + await db.Invoices.CountAsync(), next["INV"]);
        Assert.Equal(1001 + await db.Jobs.CountAsync(), next["JOB"]);
        Assert.Equal(1001 + await db.ServiceRequests.CountAsync(), next["REQ"]);
        Assert.Equal(1001 + await db.Payments.CountAsync(), next["PAY"]);
        Assert.Equal("EST-1001", (await db.Estimates.OrderBy(e => e.Id).FirstAsync()).Number);
    }

    [Fact]
    public async Task SecondStart_ChangesNothing()
    {
        var before = await CountEveryTableAsync();
        var filesBefore = Directory.GetFiles(_app.Services.GetRequiredService<DataPaths>().FilesFolder).Length;

        await using (var scope = _app.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(default);
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(default);
            Assert.False(seeded);
        }

        Assert.Equal(before, await CountEveryTableAsync());
        Assert.Equal(filesBefore, Directory.GetFiles(_app.Services.GetRequiredService<DataPaths>().FilesFolder).Length);
        Assert.True(before["Estimates"] > 0);
    }

    private async Task<Dictionary<string, long>> CountEveryTableAsync()
    {
        await using var db = await _app.CreateDbContextAsync();
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().ToList();
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            // Table names come from the model, not from input.
            var sql = "SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\"";
            counts[table] = (await db.Database.SqlQueryRaw<long>(sql).ToListAsync()).Single();
        }
        return counts;
    }

    [Fact]
    public async Task DemoLogins_SignInToStaffAndPortal()
    {
        using var staff = _app.CreateHttpClient();
        using var portal = _app.CreateHttpClient();

        var staffResponse = await SignIn.StaffAsync(staff, DemoDataSeeder.AdminEmail, Password);
        var portalResponse = await SignIn.PortalAsync(portal, DemoDataSeeder.PortalEmail, Password);

        Assert.Equal("/staff", Redirects.LocationPath(staffResponse));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("staff/outbox")).StatusCode);
        Assert.Equal("/portal", Redirects.LocationPath(portalResponse));
        Assert.Contains("Olivia Martinez", await portal.GetStringAsync("portal"));
    }
}
