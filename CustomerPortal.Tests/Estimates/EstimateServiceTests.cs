using CustomerPortal.Tests.Links;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Estimates;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Estimates;

public sealed class EstimateServiceTests : IAsyncLifetime
{
    private DocumentsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await DocumentsTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Create_NumbersTheDraftAndComputesTotalsInCore()
    {
        var customer = await _host.AddCustomerAsync();

        var first = await _host.Estimates.CreateAsync(_host.Staff, DocumentsTestHost.EstimateInput(customer.Id), default);
        var second = await _host.Estimates.CreateAsync(_host.Staff, DocumentsTestHost.EstimateInput(customer.Id), default);

        var estimate = (await _host.Estimates.GetAsync(_host.Staff, first.Value, default)).Value!;
        Assert.Equal(EstimateStatus.Draft, estimate.Status);
        Assert.Equal("EST-1001", estimate.Number);
        Assert.Equal("EST-1002", (await _host.Estimates.GetAsync(_host.Staff, second.Value, default)).Value!.Number);
        Assert.Equal(new DocumentTotals(1580m, 0m, 99m, 1679m), estimate.Totals);
        Assert.Equal(["Water heater 50 gal", "Labour (hours)"], estimate.Lines.Select(l => l.Description));
    }

    [Fact]
    public async Task Create_DepositAboveTotal_IsInvalid()
    {
        var customer = await _host.AddCustomerAsync();
        var input = DocumentsTestHost.EstimateInput(customer.Id);
        input.DepositRequired = 1679.01m;

        var result = await _host.Estimates.CreateAsync(_host.Staff, input, default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.True(result.Errors.ContainsKey(nameof(EstimateInput.DepositRequired)));
    }

    [Fact]
    public async Task Create_DepositEqualToTotal_IsAccepted()
    {
        var customer = await _host.AddCustomerAsync();
        var input = DocumentsTestHost.EstimateInput(customer.Id);
        input.DepositRequired = 1679m;

        Assert.True((await _host.Estimates.CreateAsync(_host.Staff, input, default)).Succeeded);
    }

    [Fact]
    public async Task Create_WithBadLines_ReportsEachField()
    {
        var customer = await _host.AddCustomerAsync();
        var input = DocumentsTestHost.EstimateInput(customer.Id, ("", 1m, 10m, 0m), ("Pipe", -1m, 10m, 101m));

        var result = await _host.Estimates.CreateAsync(_host.Staff, input, default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Contains("Lines[0].Description", result.Errors.Keys);
        Assert.Contains("Lines[1].Quantity", result.Errors.Keys);
        Assert.Contains("Lines[1].TaxRatePercent", result.Errors.Keys);
    }

    [Fact]
    public async Task Create_ByPortalUser_IsForbidden()
    {
        var customer = await _host.AddCustomerAsync();
        var portal = await _host.PortalActorAsync(customer.Id);

        var result = await _host.Estimates.CreateAsync(portal, DocumentsTestHost.EstimateInput(customer.Id), default);

        Assert.Equal(ResultKind.Forbidden, result.Kind);
    }

    [Fact]
    public async Task Draft_IsInvisibleToThePortal()
    {
        var customer = await _host.AddCustomerAsync();
        var portal = await _host.PortalActorAsync(customer.Id);
        var id = (await _host.Estimates.CreateAsync(_host.Staff, DocumentsTestHost.EstimateInput(customer.Id), default)).Value;

        var list = await _host.Estimates.ListAsync(portal, new EstimateListQuery(), default);
        var get = await _host.Estimates.GetAsync(portal, id, default);

        Assert.Empty(list.Value!.Items);
        Assert.Equal(ResultKind.NotFound, get.Kind);
    }

    [Fact]
    public async Task Send_MakesItVisibleAndQueuesOneEmailPerPortalUserWhoCanSeeEstimates()
    {
        var customer = await _host.AddCustomerAsync();
        var other = await _host.AddCustomerAsync("Jones");
        var anna = await _host.AddPortalUserAsync(customer.Id, "Anna");
        var ben = await _host.AddPortalUserAsync(customer.Id, "Ben");
        await _host.AddPortalUserAsync(customer.Id, "Locked", u => u.Lock(DateTime.UtcNow));
        await _host.AddPortalUserAsync(customer.Id, "No estimates", u => u.ChangePermissions(PortalModules.Invoices, u.CanPay, u.CanAcceptEstimates, u.CanSubmitRequests));
        await _host.AddPortalUserAsync(other.Id, "Other customer");
        var id = (await _host.Estimates.CreateAsync(_host.Staff, DocumentsTestHost.EstimateInput(customer.Id), default)).Value;

        var sent = await _host.Estimates.SendAsync(_host.Staff, id, default);

        Assert.True(sent.Succeeded, sent.Message);
        await using var db = await _host.DbAsync();
        var messages = await db.OutboxMessages.OrderBy(m => m.Id).ToListAsync();
        Assert.Equal([anna.Id, ben.Id], messages.Select(m => m.PortalUserId));
        Assert.All(messages, m =>
        {
            Assert.Equal(customer.Id, m.CustomerId);
            Assert.Equal("estimate-sent", m.TemplateKey);
            Assert.Contains("EST-1001", m.Subject);
            Assert.Contains((m.PortalUserId!.Value, PortalPaths.Estimate(id)), LinkTestData.DeepLinksIn(_host.Get<DeepLinks>(), m.Body));
        });
        var portal = anna.ToActor(PortalModules.All, null);
        var list = await _host.Estimates.ListAsync(portal, new EstimateListQuery(), default);
        Assert.Equal([id], list.Value!.Items.Select(e => e.Id));
        Assert.True((await _host.Estimates.GetAsync(portal, id, default)).Succeeded);
    }

    [Fact]
    public async Task Send_WithExpiryInThePast_IsRefusedAndNothingIsQueued()
    {
        var customer = await _host.AddCustomerAsync();
        await _host.AddPortalUserAsync(customer.Id);
        var input = DocumentsTestHost.EstimateInput(customer.Id);
        input.ExpiresOn = _host.Today.AddDays(-1);
        var id = (await _host.Estimates.CreateAsync(_host.Staff, input, default)).Value;

        var result = await _host.Estimates.SendAsync(_host.Staff, id, default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        await using var db = await _host.DbAsync();
        Assert.Empty(await db.OutboxMessages.ToListAsync());
        Assert.Equal(EstimateStatus.Draft, (await db.Estimates.SingleAsync(e => e.Id == id)).Status);
    }

    [Fact]
    public async Task Get_AnotherCustomersEstimate_IsNotFoundAndNotListed()
    {
        var mine = await _host.AddCustomerAsync();
        var theirs = await _host.AddCustomerAsync("Jones");
        var portal = await _host.PortalActorAsync(mine.Id);
        var theirId = await _host.SentEstimateAsync(theirs.Id);

        Assert.Equal(ResultKind.NotFound, (await _host.Estimates.GetAsync(portal, theirId, default)).Kind);
        Assert.Equal(ResultKind.NotFound, (await _host.Estimates.AcceptAsync(portal, theirId, new EstimateSignature("Pat", "::1", "UA"), default)).Kind);
        var list = await _host.Estimates.ListAsync(portal, new EstimateListQuery { CustomerId = theirs.Id }, default);
        Assert.Empty(list.Value!.Items);
    }

    [Fact]
    public async Task HiddenModule_LooksLikeNotFound()
    {
        var customer = await _host.AddCustomerAsync(modules: PortalModules.All & ~PortalModules.Estimates);
        var portal = await _host.PortalActorAsync(customer.Id);
        var id = await _host.SentEstimateAsync(customer.Id);

        Assert.Equal(ResultKind.NotFound, (await _host.Estimates.ListAsync(portal, new EstimateListQuery(), default)).Kind);
        Assert.Equal(ResultKind.NotFound, (await _host.Estimates.GetAsync(portal, id, default)).Kind);
    }

    [Fact]
    public async Task Get_ByPortalUser_MarksViewedOnce()
    {
        var customer = await _host.AddCustomerAsync();
        var portal = await _host.PortalActorAsync(customer.Id);
        var id = await _host.SentEstimateAsync(customer.Id);

        var first = (await _host.Estimates.GetAsync(portal, id, default)).Value!;
        _host.Clock.Now = _host.Clock.Now.AddHours(2);
        var second = (await _host.Estimates.GetAsync(portal, id, default)).Value!;

        Assert.Equal(EstimateStatus.Viewed, first.Status);
        Assert.Equal(DocumentsTestHost.Start.UtcDateTime, second.ViewedAtUtc);
    }

    [Fact]
    public async Task Get_ByStaffOrStaffViewingAsCustomer_DoesNotMarkViewed()
    {
        var customer = await _host.AddCustomerAsync();
        var portal = await _host.PortalActorAsync(customer.Id);
        var id = await _host.SentEstimateAsync(customer.Id);

        await _host.Estimates.GetAsync(_host.Staff, id, default);
        var asCustomer = await _host.Estimates.GetAsync(_host.ViewAs(portal), id, default);

        Assert.True(asCustomer.Succeeded);
        Assert.Equal(EstimateStatus.Sent, (await _host.Estimates.GetAsync(_host.Staff, id, default)).Value!.Status);
        Assert.Null((await _host.Estimates.GetAsync(_host.Staff, id, default)).Value!.ViewedAtUtc);
    }

    [Fact]
    public async Task Get_ByPortalUser_HidesInternalNotes()
    {
        var customer = await _host.AddCustomerAsync();
        var portal = await _host.PortalActorAsync(customer.Id);
        var input = DocumentsTestHost.EstimateInput(customer.Id);
        input.InternalNotes = "Customer haggles, quote high";
        var id = await _host.SentEstimateAsync(customer.Id, input);

        Assert.Equal("", (await _host.Estimates.GetAsync(portal, id, default)).Value!.InternalNotes);
        Assert.Equal("Customer haggles, quote high", (await _host.Estimates.GetAsync(_host.Staff, id, default)).Value!.InternalNotes);
    }

    [Fact]
    public async Task Accept_RecordsTheTypedNameTimeIpAndBrowser()
    {
        var customer = await _host.AddCustomerAsync();
        var portal = await _host.PortalActorAsync(customer.Id);
        var id = await _host.SentEstimateAsync(customer.Id);
        _host.Clock.Now = _host.Clock.Now.AddMinutes(30);

        var result = await _host.Estimates.AcceptAsync(portal, id, new EstimateSignature("  Pat Smith ", "203.0.113.7", "Mozilla/5.0 Test"), default);

        Assert.True(result.Succeeded, result.Message);
        var estimate = (await _host.Estimates.GetAsync(_host.Staff, id, default)).Value!;
        Assert.Equal(EstimateStatus.Accepted, estimate.Status);
        Assert.Equal(new EstimateAcceptance("Pat Smith", DocumentsTestHost.Start.UtcDateTime.AddMinutes(30), "203.0.113.7", "Mozilla/5.0 Test", portal.PortalUserId), estimate.Acceptance);
        await using var db = await _host.DbAsync();
        Assert.Contains(await db.OutboxMessages.ToListAsync(), m => m.ToAddress == "office@bright.example.test" && m.Subject.Contains("accepted"));
        Assert.Contains(await db.AuditEvents.ToListAsync(), a => a.Action == "estimate.accepted" && a.IpAddress == "203.0.113.7");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Accept_WithEmptyName_IsRefused(string name)
    {
        var customer = await _host.AddCustomerAsync();
        var portal = await _host.PortalActorAsync(customer.Id);
        var id = await _host.SentEstimateAsync(customer.Id);

        var result = await _host.Estimates.AcceptAsync(portal, id, new EstimateSignature(name, "203.0.113.7", "UA"), default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Null((await _host.Estimates.GetAsync(_host.Staff, id, default)).Value!.Acceptance);
    }

    [Fact]
    public async Task Accept_AfterExpiry_IsRefusedAndListedAsExpired()
    {
        var customer = await _host.AddCustomerAsync();
        var portal = await _host.PortalActorAsync(customer.Id);
        var input = DocumentsTestHost.EstimateInput(customer.Id);
        input.ExpiresOn = _host.Today.AddDays(2);
        var id = await _host.SentEstimateAsync(customer.Id, input);
        _host.Clock.Now = _host.Clock.Now.AddDays(3);

        var result = await _host.Estimates.AcceptAsync(portal, id, new EstimateSignature("Pat Smith", "203.0.113.7", "UA"), default);

        Assert.Equal(ResultKind.Conflict, result.Kind);
        var details = (await _host.Estimates.GetAsync(portal, id, default)).Value!;
        Assert.Equal(EstimateStatus.Expired, details.Status);
        Assert.False(details.Can.MayAccept);
        var expired = await _host.Estimates.ListAsync(_host.Staff, new EstimateListQuery { Status = EstimateStatus.Expired }, default);
        Assert.Equal([id], expired.Value!.Items.Select(e => e.Id));
        var sent = await _host.Estimates.ListAsync(_host.Staff, new EstimateListQuery { Status = EstimateStatus.Sent }, default);
        Assert.Empty(sent.Value!.Items);
    }

    [Fact]
    public async Task Accept_ByStaffViewingAsCustomerOrUserWithoutPermission_IsForbidden()
    {
        var customer = await _host.AddCustomerAsync();
        var portal = await _host.PortalActorAsync(customer.Id);
        var noPermission = await _host.PortalActorAsync(customer.Id, u => u.ChangePermissions(u.Modules, u.CanPay, canAcceptEstimates: false, u.CanSubmitRequests));
        var id = await _host.SentEstimateAsync(customer.Id);
        var signature = new EstimateSignature("Pat Smith", "203.0.113.7", "UA");

        Assert.Equal(ResultKind.Forbidden, (await _host.Estimates.AcceptAsync(_host.ViewAs(portal), id, signature, default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await _host.Estimates.AcceptAsync(noPermission, id, signature, default)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await _host.Estimates.AcceptAsync(_host.Staff, id, signature, default)).Kind);
        Assert.False((await _host.Estimates.GetAsync(noPermission, id, default)).Value!.Can.MayAccept);
        Assert.True((await _host.Estimates.GetAsync(portal, id, default)).Value!.Can.MayAccept);
    }

    [Fact]
    public async Task Decline_KeepsTheOptionalReason()
    {
        var customer = await _host.AddCustomerAsync();
        var portal = await _host.PortalActorAsync(customer.Id);
        var withReason = await _host.SentEstimateAsync(customer.Id);
        var withoutReason = await _host.SentEstimateAsync(customer.Id);

        Assert.True((await _host.Estimates.DeclineAsync(portal, withReason, " We went with another quote ", default)).Succeeded);
        Assert.True((await _host.Estimates.DeclineAsync(portal, withoutReason, null, default)).Succeeded);

        var declined = (await _host.Estimates.GetAsync(_host.Staff, withReason, default)).Value!;
        Assert.Equal(EstimateStatus.Declined, declined.Status);
        Assert.Equal("We went with another quote", declined.DeclineReason);
        Assert.Equal("", (await _host.Estimates.GetAsync(_host.Staff, withoutReason, default)).Value!.DeclineReason);
        Assert.Equal(ResultKind.Conflict, (await _host.Estimates.AcceptAsync(portal, withReason, new EstimateSignature("Pat", "::1", "UA"), default)).Kind);
    }

    [Fact]
    public async Task ConvertToJob_MakesOneJobFromTheAcceptedEstimate()
    {
        var customer = await _host.AddCustomerAsync();
        var portal = await _host.PortalActorAsync(customer.Id);
        var id = await _host.SentEstimateAsync(customer.Id);
        Assert.Equal(ResultKind.Conflict, (await _host.Estimates.ConvertToJobAsync(_host.Staff, id, default)).Kind);
        await _host.Estimates.AcceptAsync(portal, id, new EstimateSignature("Pat Smith", "::1", "UA"), default);

        var converted = await _host.Estimates.ConvertToJobAsync(_host.Staff, id, default);
        var again = await _host.Estimates.ConvertToJobAsync(_host.Staff, id, default);

        Assert.True(converted.Succeeded, converted.Message);
        Assert.Equal(ResultKind.Conflict, again.Kind);
        await using var db = await _host.DbAsync();
        var job = await db.Jobs.SingleAsync();
        Assert.Equal(converted.Value, job.Id);
        Assert.StartsWith("JOB-", job.Number);
        Assert.Equal("Replace water heater", job.Title);
        Assert.Equal(id, job.EstimateId);
        Assert.Equal(customer.Id, job.CustomerId);
        Assert.Equal("12 Oak Road", job.ServiceAddress.Line1);
        Assert.Contains("Water heater 50 gal", job.Description);
        Assert.Equal(job.Id, (await db.Estimates.SingleAsync(e => e.Id == id)).ConvertedJobId);
    }

    [Fact]
    public async Task UpdateDraft_WithStaleVersion_IsAConflictAndKeepsTheFirstSave()
    {
        var customer = await _host.AddCustomerAsync();
        var id = (await _host.Estimates.CreateAsync(_host.Staff, DocumentsTestHost.EstimateInput(customer.Id), default)).Value;
        var alice = (await _host.Estimates.GetInputAsync(_host.Staff, id, default)).Value!;
        var bob = (await _host.Estimates.GetInputAsync(_host.Staff, id, default)).Value!;

        alice.Lines[0].Description = "Water heater 40 gal";
        bob.Lines[0].Description = "Tankless heater";
        var first = await _host.Estimates.ReviseDraftAsync(_host.Staff, id, alice, default);
        var second = await _host.Estimates.ReviseDraftAsync(_host.Staff, id, bob, default);

        Assert.True(first.Succeeded, first.Message);
        Assert.Equal(ResultKind.Conflict, second.Kind);
        Assert.Equal(EstimateService.ConflictMessage, second.Message);
        var saved = (await _host.Estimates.GetAsync(_host.Staff, id, default)).Value!;
        Assert.Equal("Water heater 40 gal", saved.Lines[0].Description);
        Assert.Equal(alice.Version + 1, saved.Version);
    }

    [Fact]
    public async Task UpdateDraft_AfterSending_IsRefused()
    {
        var customer = await _host.AddCustomerAsync();
        var id = (await _host.Estimates.CreateAsync(_host.Staff, DocumentsTestHost.EstimateInput(customer.Id), default)).Value;
        var input = (await _host.Estimates.GetInputAsync(_host.Staff, id, default)).Value!;
        await _host.Estimates.SendAsync(_host.Staff, id, default);

        Assert.Equal(ResultKind.Conflict, (await _host.Estimates.ReviseDraftAsync(_host.Staff, id, input, default)).Kind);
    }

    [Fact]
    public async Task List_FiltersSearchesAndPagesOnTheServer()
    {
        var smith = await _host.AddCustomerAsync();
        var jones = await _host.AddCustomerAsync("Jones");
        for (var i = 0; i < 7; i++)
        {
            var input = DocumentsTestHost.EstimateInput(i % 2 == 0 ? smith.Id : jones.Id);
            input.Title = i == 3 ? "Kitchen remodel" : $"Repair {i}";
            await _host.Estimates.CreateAsync(_host.Staff, input, default);
            _host.Clock.Now = _host.Clock.Now.AddDays(1);
        }

        var page2 = await _host.Estimates.ListAsync(_host.Staff, new EstimateListQuery { PageSize = 3, Page = 1 }, default);
        var bySmith = await _host.Estimates.ListAsync(_host.Staff, new EstimateListQuery { CustomerId = smith.Id }, default);
        var byTitle = await _host.Estimates.ListAsync(_host.Staff, new EstimateListQuery { Search = "KITCHEN" }, default);
        var byNumber = await _host.Estimates.ListAsync(_host.Staff, new EstimateListQuery { Search = "1002" }, default);
        var inRange = await _host.Estimates.ListAsync(_host.Staff, new EstimateListQuery { From = _host.Today.AddDays(-5), To = _host.Today.AddDays(-3) }, default);
        var oldestFirst = await _host.Estimates.ListAsync(_host.Staff, new EstimateListQuery { Sort = DocumentSort.Number, Descending = false, PageSize = 2 }, default);

        Assert.Equal(7, page2.Value!.TotalCount);
        Assert.Equal(["EST-1004", "EST-1003", "EST-1002"], page2.Value.Items.Select(e => e.Number));
        Assert.Equal(4, bySmith.Value!.TotalCount);
        Assert.All(bySmith.Value.Items, e => Assert.Equal("Pat Smith", e.CustomerName));
        Assert.Equal(["Kitchen remodel"], byTitle.Value!.Items.Select(e => e.Title));
        Assert.Equal(["EST-1002"], byNumber.Value!.Items.Select(e => e.Number));
        Assert.Equal(["EST-1005", "EST-1004", "EST-1003"], inRange.Value!.Items.Select(e => e.Number));
        Assert.Equal(["EST-1001", "EST-1002"], oldestFirst.Value!.Items.Select(e => e.Number));
    }
}
