using CustomerPortal.Core.Access;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Tests.Requests;

public sealed class WorkRequestServiceTests : IAsyncLifetime
{
    private DocumentsTestHost _host = null!;
    private WorkRequestService Requests => _host.Get<WorkRequestService>();

    public async Task InitializeAsync() => _host = await DocumentsTestHost.StartAsync(company => company.ChangePortalFeatures(true, false));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static RequestPhoto Photo(string name = "sink.jpg") => new(name, TestImages.Jpeg(64, 48));

    private WorkRequestInput Input(int? addressId = null) => new()
    {
        Category = "Repair",
        Title = "Kitchen sink leaking",
        Description = "Water drips from the trap under the sink.",
        ServiceAddressId = addressId,
        NewAddress = addressId is null ? new Address("7 Elm Street", "", "Springfield", "IL", "62704") : Address.Empty,
        PreferredDate = _host.Today.AddDays(3),
        PreferredTimeWindow = WorkRequestChoices.TimeWindows[1],
        ContactBy = ContactMethod.Email,
    };

    private static PublicWorkRequestInput PublicInput(DateOnly today) => new()
    {
        FirstName = "Nora",
        LastName = "Newcomer",
        Email = "nora@example.test",
        Phone = "(555) 010-0199",
        Category = "Installation",
        Title = "New outdoor tap",
        Description = "A tap on the back wall of the house.",
        NewAddress = new Address("3 Birch Lane", "", "Springfield", "IL", "62702"),
        PreferredDate = today.AddDays(5),
        PreferredTimeWindow = WorkRequestChoices.TimeWindows[0],
        ContactBy = ContactMethod.Phone,
    };

    private async Task<(int CustomerId, int AddressId, Actor Actor)> CustomerAsync(Action<Core.Accounts.PortalUser>? change = null)
    {
        var customer = await _host.AddCustomerAsync();
        var actor = await _host.PortalActorAsync(customer.Id, change);
        return (customer.Id, customer.ServiceAddresses.Single().Id, actor);
    }

    [Fact]
    public async Task Submit_WithTwoPhotosAndSavedAddress_StoresRequestPhotosAndQueuesTheReceivedMessage()
    {
        var (customerId, addressId, actor) = await CustomerAsync();

        var result = await Requests.SubmitAsync(actor, Input(addressId), [Photo("a.jpg"), new("b.png", TestImages.Png(40, 40))], default);

        Assert.True(result.Succeeded, result.Message);
        Assert.StartsWith("REQ-", result.Value!.Number);
        await using var db = await _host.DbAsync();
        var request = await db.ServiceRequests.SingleAsync();
        Assert.Equal(customerId, request.CustomerId);
        Assert.Equal(ServiceRequestSource.Portal, request.Source);
        Assert.Equal(ServiceRequestStatus.New, request.Status);
        Assert.Equal(addressId, request.ServiceAddressId);
        Assert.Equal("12 Oak Road", request.ServiceAddress.Line1);
        Assert.Equal("Pat Portal", request.ContactName);
        var photos = await db.Attachments.Where(a => a.ServiceRequestId == request.Id).ToListAsync();
        Assert.Equal(2, photos.Count);
        Assert.All(photos, p => Assert.True(p.VisibleToCustomer && p.Kind == AttachmentKind.Picture));
        var message = await db.OutboxMessages.SingleAsync();
        Assert.Equal("request-received", message.TemplateKey);
        Assert.Contains(request.Number, message.Subject);
        Assert.Equal(actor.PortalUserId, message.PortalUserId);
    }

    [Fact]
    public async Task Submit_FivePhotos_IsRefusedAndNothingIsKept()
    {
        var (_, addressId, actor) = await CustomerAsync();

        var result = await Requests.SubmitAsync(actor, Input(addressId), Enumerable.Range(1, 5).Select(i => Photo($"p{i}.jpg")).ToList(), default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Equal("You can add up to 4 photos. Remove one to add another.", result.Errors[WorkRequestService.PhotosField]);
        await AssertNothingKeptAsync();
    }

    [Fact]
    public async Task Submit_PdfAmongThePhotos_IsRefusedAsNotAPictureAndNothingIsKept()
    {
        var (_, addressId, actor) = await CustomerAsync();
        var pdf = "%PDF-1.7\n%%EOF\n"u8.ToArray();

        var result = await Requests.SubmitAsync(actor, Input(addressId), [Photo(), new("plans.pdf", pdf)], default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Equal("plans.pdf is not a picture. You can add JPEG, PNG, GIF or WebP photos.", result.Errors[WorkRequestService.PhotosField]);
        await AssertNothingKeptAsync();
    }

    [Fact]
    public async Task Submit_PhotoWithLocation_IsStoredWithoutItsMetadata()
    {
        var (_, addressId, actor) = await CustomerAsync();

        var result = await Requests.SubmitAsync(actor, Input(addressId), [new("gps.jpg", TestImages.JpegWithExifGps(80, 60))], default);

        Assert.True(result.Succeeded, result.Message);
        await using var db = await _host.DbAsync();
        var stored = await db.Attachments.SingleAsync();
        var bytes = await File.ReadAllBytesAsync(Path.Combine(_host.Get<DataPaths>().FilesFolder, stored.StoredFileName));
        Assert.False(TestImages.Contains(bytes, "GPS"));
    }

    [Fact]
    public async Task Submit_WhenTheDatabaseRefusesThePhotos_LeavesNoRequestRowAndNoStoredFile()
    {
        var (_, addressId, actor) = await CustomerAsync();
        await using (var db = await _host.DbAsync())
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("CREATE FUNCTION refuse_attachments() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;");
                await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_attachments BEFORE INSERT ON \"Attachments\" FOR EACH ROW EXECUTE FUNCTION refuse_attachments();");
            }
            else
                await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_attachments BEFORE INSERT ON Attachments BEGIN SELECT RAISE(ABORT, 'disk full'); END;");

        await Assert.ThrowsAsync<DbUpdateException>(() => Requests.SubmitAsync(actor, Input(addressId), [Photo(), Photo("b.jpg")], default));

        await AssertNothingKeptAsync();
    }

    [Fact]
    public async Task Submit_LockedPortalUser_IsRefusedWithWhy()
    {
        var (_, addressId, actor) = await CustomerAsync(u => u.Lock(DocumentsTestHost.Start.UtcDateTime));

        var result = await Requests.SubmitAsync(actor, Input(addressId), [], default);

        Assert.Equal(ResultKind.Forbidden, result.Kind);
        Assert.Equal("Your portal access is locked, so you cannot send requests. Please contact Bright Plumbing.", result.Message);
        Assert.False((await Requests.AbilityAsync(actor, default))!.CanSubmit);
        await AssertNothingKeptAsync();
    }

    [Fact]
    public async Task Submit_UserWithoutTheRequestPermission_IsRefusedWithWhy()
    {
        var (_, addressId, actor) = await CustomerAsync(u => u.ChangePermissions(null, true, true, canSubmitRequests: false));

        var result = await Requests.SubmitAsync(actor, Input(addressId), [], default);

        Assert.Equal(ResultKind.Forbidden, result.Kind);
        Assert.Equal("Your account may not send requests; ask Bright Plumbing to allow it, or call them.", result.Message);
        await AssertNothingKeptAsync();
    }

    [Fact]
    public async Task Submit_RequestsModuleHidden_IsNotFound()
    {
        var (_, addressId, actor) = await CustomerAsync();

        var result = await Requests.SubmitAsync(actor with { Modules = PortalModules.Jobs }, Input(addressId), [], default);

        Assert.Equal(ResultKind.NotFound, result.Kind);
        Assert.Null(await Requests.AbilityAsync(actor with { Modules = PortalModules.Jobs }, default));
    }

    [Fact]
    public async Task Submit_AddressOfAnotherCustomer_IsRefused()
    {
        var (_, _, actor) = await CustomerAsync();
        var other = await _host.AddCustomerAsync("Other");

        var result = await Requests.SubmitAsync(actor, Input(other.ServiceAddresses.Single().Id), [], default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Equal("Choose one of your addresses, or enter a new one.", result.Errors[nameof(WorkRequestInput.ServiceAddressId)]);
        await AssertNothingKeptAsync();
    }

    [Fact]
    public async Task Submit_EmptyFormDayInThePastAndTextWithoutPhone_NamesEveryField()
    {
        var (_, _, actor) = await CustomerAsync();
        var input = new WorkRequestInput { PreferredDate = _host.Today.AddDays(-1), ContactBy = ContactMethod.Text };

        var result = await Requests.SubmitAsync(actor, input, [], default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Equal("Choose what kind of work you need.", result.Errors[nameof(WorkRequestInput.Category)]);
        Assert.Equal("Give the work a short title, e.g. \"Kitchen sink leaking\".", result.Errors[nameof(WorkRequestInput.Title)]);
        Assert.Equal("Describe what is needed in a sentence or two.", result.Errors[nameof(WorkRequestInput.Description)]);
        Assert.Equal("Enter the street address where the work is.", result.Errors["NewAddress.Line1"]);
        Assert.Equal($"Choose today ({_host.Today:MMM d}) or a later day.", result.Errors[nameof(WorkRequestInput.PreferredDate)]);
        Assert.Equal("Choose a time of day that suits you.", result.Errors[nameof(WorkRequestInput.PreferredTimeWindow)]);
        Assert.Equal("Enter the phone number we should text.", result.Errors[nameof(WorkRequestInput.ContactPhone)]);
    }

    [Fact]
    public async Task Submit_TodayInTheCompanyTimeZone_IsAcceptedThoughUtcIsAlreadyTomorrow()
    {
        var (_, addressId, actor) = await CustomerAsync();
        _host.Clock.Now = new DateTimeOffset(2026, 3, 11, 2, 0, 0, TimeSpan.Zero); // 10 pm on March 10 in New York
        var input = Input(addressId);
        input.PreferredDate = new DateOnly(2026, 3, 10);

        var result = await Requests.SubmitAsync(actor, input, [], default);

        Assert.True(result.Succeeded, result.Message);
    }

    [Fact]
    public async Task Submit_DirectWorkOrderWhenAllowed_CreatesTheJobWithPhotosAndAddressAndMarksTheRequestConverted()
    {
        await using var host = await DocumentsTestHost.StartAsync(company => company.ChangePortalFeatures(true, directWorkOrdersEnabled: true));
        var customer = await host.AddCustomerAsync();
        var actor = await host.PortalActorAsync(customer.Id);
        var input = new WorkRequestInput
        {
            DirectWorkOrder = true,
            Title = "Replace the tap washer",
            Description = "Bathroom basin tap drips.",
            NewAddress = new Address("9 Cedar Court", "", "Springfield", "IL", "62703"),
            PreferredDate = host.Today.AddDays(1),
            PreferredTimeWindow = "Any time",
        };

        var result = await host.Get<WorkRequestService>().SubmitAsync(actor, input, [Photo("a.jpg"), Photo("b.jpg")], default);

        Assert.True(result.Succeeded, result.Message);
        Assert.StartsWith("JOB-", result.Value!.JobNumber);
        await using var db = await host.DbAsync();
        var request = await db.ServiceRequests.SingleAsync();
        var job = await db.Jobs.SingleAsync();
        Assert.True(request.IsDirectWorkOrder);
        Assert.Equal(ServiceRequestStatus.Converted, request.Status);
        Assert.Equal(job.Id, request.JobId);
        Assert.Equal("Replace the tap washer", job.Title);
        Assert.Equal("9 Cedar Court", job.ServiceAddress.Line1);
        Assert.Equal(2, await db.Attachments.CountAsync(a => a.JobId == job.Id && a.VisibleToCustomer));
        Assert.Equal(2, await db.Attachments.CountAsync(a => a.ServiceRequestId == request.Id));
        var detail = await host.Get<WorkRequestService>().GetMineAsync(actor, request.Id, default);
        Assert.Equal($"/portal/jobs/{job.Id}", detail.Value!.JobLink);
    }

    [Fact]
    public async Task Submit_DirectWorkOrderWhenNotAllowed_IsRefused()
    {
        var (_, addressId, actor) = await CustomerAsync();
        var input = Input(addressId);
        input.DirectWorkOrder = true;

        var result = await Requests.SubmitAsync(actor, input, [], default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        await AssertNothingKeptAsync();
    }

    [Fact]
    public async Task ListAndGet_AnotherCustomersRequest_IsNotFoundAndNotListed()
    {
        var (_, addressId, actor) = await CustomerAsync();
        var (_, _, stranger) = await CustomerAsync();
        var sent = await Requests.SubmitAsync(actor, Input(addressId), [Photo()], default);

        var mine = await Requests.GetMineAsync(actor, sent.Value!.RequestId, default);
        var theirs = await Requests.GetMineAsync(stranger, sent.Value.RequestId, default);

        Assert.True(mine.Succeeded);
        Assert.Single(mine.Value!.Photos);
        Assert.Equal(ResultKind.NotFound, theirs.Kind);
        Assert.Empty((await Requests.ListMineAsync(stranger, default)).Value!);
        Assert.Equal(sent.Value.Number, Assert.Single((await Requests.ListMineAsync(actor, default)).Value!).Number);
    }

    [Fact]
    public async Task ListMine_NewestFirst()
    {
        var (_, addressId, actor) = await CustomerAsync();
        var first = await Requests.SubmitAsync(actor, Input(addressId), [], default);
        _host.Clock.Now = _host.Clock.Now.AddMinutes(5);
        var second = await Requests.SubmitAsync(actor, Input(addressId), [], default);

        var list = (await Requests.ListMineAsync(actor, default)).Value!;

        Assert.Equal([second.Value!.Number, first.Value!.Number], list.Select(r => r.Number));
    }

    [Fact]
    public async Task Submit_PublishesServiceRequestChanged()
    {
        var (customerId, addressId, actor) = await CustomerAsync();
        var heard = new List<LiveEvent>();
        using var listening = _host.Get<LiveEventBus>().Listen(e => { lock (heard) heard.Add(e); return Task.CompletedTask; });

        var result = await Requests.SubmitAsync(actor, Input(addressId), [], default);

        Assert.Contains(new ServiceRequestChanged(customerId, result.Value!.RequestId), heard);
    }

    [Fact]
    public async Task SubmitPublic_MakesAPendingCustomerWithTheAddressAndARequest()
    {
        var result = await Requests.SubmitPublicAsync(PublicInput(_host.Today), [Photo()], default);

        Assert.True(result.Succeeded, result.Message);
        await using var db = await _host.DbAsync();
        var customer = await db.Customers.Include(c => c.ServiceAddresses).SingleAsync();
        Assert.True(customer.IsPendingReview);
        Assert.False(customer.PortalEnabled);
        Assert.Equal("nora@example.test", customer.Email);
        Assert.Equal("3 Birch Lane", customer.ServiceAddresses.Single().Address.Line1);
        var request = await db.ServiceRequests.SingleAsync();
        Assert.Equal(ServiceRequestSource.PublicForm, request.Source);
        Assert.Equal(customer.Id, request.CustomerId);
        Assert.Equal(customer.ServiceAddresses.Single().Id, request.ServiceAddressId);
        Assert.Equal("Nora Newcomer", request.ContactName);
        Assert.Equal("(555) 010-0199", request.ContactPhone);
        Assert.Equal(1, await db.Attachments.CountAsync(a => a.ServiceRequestId == request.Id));
        Assert.Empty(await db.OutboxMessages.ToListAsync());
    }

    [Fact]
    public async Task SubmitPublic_HoneypotFilled_SeemsAcceptedButStoresNothing()
    {
        var input = PublicInput(_host.Today);
        input.Website = "http://spam.example";

        var result = await Requests.SubmitPublicAsync(input, [Photo()], default);

        Assert.True(result.Succeeded);
        Assert.Equal("", result.Value!.Number);
        await using var db = await _host.DbAsync();
        Assert.Empty(await db.Customers.ToListAsync());
        await AssertNothingKeptAsync();
    }

    [Fact]
    public async Task SubmitPublic_MissingContactDetails_NamesTheFields()
    {
        var input = PublicInput(_host.Today);
        (input.FirstName, input.Email, input.Phone) = ("", "not-an-address", "");

        var result = await Requests.SubmitPublicAsync(input, [], default);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Equal(["Email", "FirstName", "Phone"], result.Errors.Keys.Order());
    }

    [Fact]
    public async Task SubmitPublic_PortalOffOrRequestsNotOffered_IsNotFound()
    {
        await _host.UpdateCompanyAsync(c => c.ChangeModules(PortalModules.All & ~PortalModules.Requests));

        Assert.False(await Requests.PublicFormOpenAsync(default));
        Assert.Equal(ResultKind.NotFound, (await Requests.SubmitPublicAsync(PublicInput(_host.Today), [], default)).Kind);
    }

    private async Task AssertNothingKeptAsync()
    {
        await using var db = await _host.DbAsync();
        Assert.Empty(await db.ServiceRequests.ToListAsync());
        Assert.Empty(await db.Jobs.ToListAsync());
        Assert.Empty(await db.Attachments.ToListAsync());
        Assert.Empty(await db.OutboxMessages.ToListAsync());
        Assert.Empty(Directory.GetFiles(_host.Get<DataPaths>().FilesFolder));
    }
}
