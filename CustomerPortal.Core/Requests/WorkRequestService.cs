using CustomerPortal.Core.Access;
using CustomerPortal.Core.Attachments;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Jobs;
using CustomerPortal.Core.Live;
using CustomerPortal.Core.Notifications;
using CustomerPortal.Core.Templates.MergeTags;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Requests;

/// <summary>
/// Work requests from the customer's side: the portal form (and the direct work order, where the company allows it),
/// the customer's list and request page, and the public request page that makes a pending customer. Staff decisions
/// are elsewhere. A request and its photos are saved all together or not at all.
/// </summary>
public sealed class WorkRequestService(
    IDbContextFactory<PortalDbContext> dbFactory, AccessRules access, TimeProvider clock, CompanySettingsService companySettings,
    AttachmentService attachments, CustomerNotifications notifications, ILiveEventPublisher live)
{
    public const string CheckFieldsMessage = "Please correct the highlighted fields.";
    public const string PhotosField = "Photos";
    public static readonly string TooManyPhotos = $"You can add up to {ServiceRequest.MaxPhotos} photos. Remove one to add another.";
    private const int CreateAttempts = 3;

    /// <summary>May the actor send requests? Null when the Requests module is hidden for them (the pages answer "not found").</summary>
    public async Task<WorkRequestAbility?> AbilityAsync(Actor actor, CancellationToken ct) =>
        AbilityOf(actor, await companySettings.GetAsync(ct));

    /// <summary>What the form starts from: the customer's addresses and the portal user's contact details.</summary>
    public async Task<Result<RequestFormStart>> FormAsync(Actor actor, CancellationToken ct)
    {
        var company = await companySettings.GetAsync(ct);
        if (AbilityOf(actor, company) is not { } ability) return Result<RequestFormStart>.From(Result.NotFound());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var addresses = await AddressesAsync(db, actor.CustomerId!.Value, ct);
        var user = actor.PortalUserId is { } userId
            ? await db.PortalUsers.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Name, u.Email, u.Phone }).SingleOrDefaultAsync(ct)
            : null;
        var customerPhone = await db.Customers.Where(c => c.Id == actor.CustomerId).Select(c => c.Phone).SingleAsync(ct);
        return new RequestFormStart(ability, addresses, user?.Name ?? actor.Name, user?.Email ?? "",
            string.IsNullOrWhiteSpace(user?.Phone) ? customerPhone : user.Phone, company.Today(clock.GetUtcNow().UtcDateTime), company.Name);
    }

    /// <summary>
    /// Sends a portal user's request, or books a work order (a job at once) when <see cref="WorkRequestInput.DirectWorkOrder"/>
    /// is set and the company allows it. Photos go through the upload pipeline (pictures only); the request, its job,
    /// photos and the "request received" message are saved together, or nothing is.
    /// </summary>
    public async Task<Result<WorkRequestReceipt>> SubmitAsync(Actor actor, WorkRequestInput input, IReadOnlyList<RequestPhoto> photos, CancellationToken ct)
    {
        var company = await companySettings.GetAsync(ct);
        if (AbilityOf(actor, company) is not { } ability) return Result<WorkRequestReceipt>.From(Result.NotFound());
        if (!ability.CanSubmit || !access.Can(actor, Operation.SubmitRequest)) return Result<WorkRequestReceipt>.From(Result.Forbidden(ability.Reason));
        if (input.DirectWorkOrder && !company.DirectWorkOrdersEnabled)
            return Result<WorkRequestReceipt>.From(Result.Invalid("Work orders cannot be booked directly here; please send a request instead."));
        var customerId = actor.CustomerId!.Value;

        var now = clock.GetUtcNow().UtcDateTime;
        var errors = Check(input, company.Today(now), photos.Count);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var addresses = await AddressesAsync(db, customerId, ct);
        var address = input.NewAddress;
        if (input.ServiceAddressId is { } addressId)
        {
            if (addresses.FirstOrDefault(a => a.Id == addressId) is { } chosen) address = chosen.Address;
            else errors[nameof(WorkRequestInput.ServiceAddressId)] = "Choose one of your addresses, or enter a new one.";
        }
        if (errors.Count > 0) return Result<WorkRequestReceipt>.From(Result.Invalid(CheckFieldsMessage, errors));

        var prepared = await PrepareAsync(photos, ct);
        if (!prepared.Succeeded) return Result<WorkRequestReceipt>.From(prepared);

        var user = await db.PortalUsers.AsNoTracking().Where(u => u.Id == actor.PortalUserId)
            .Select(u => new { u.Name, u.Email }).SingleOrDefaultAsync(ct);
        var details = Details(input, input.ServiceAddressId, address, user?.Name ?? actor.Name, user?.Email ?? "");

        // The photos' files are stored before the transaction (see AttachmentService.StoreFilesAsync); a direct work order's
        // job gets copies of its own.
        var onRequest = await attachments.StoreFilesAsync(prepared.Value!, ct);
        List<StoredUpload> onJob = [];
        try
        {
            if (input.DirectWorkOrder) onJob = await attachments.StoreFilesAsync(prepared.Value!, ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            Job? job = null;
            if (input.DirectWorkOrder)
                job = await JobService.AddNewAsync(db, customerId, details.Title, details.Description, address, now, ct);
            var request = new ServiceRequest(await DocumentNumbers.NextAsync(db, DocumentPrefixes.Request, ct), customerId, actor.PortalUserId,
                ServiceRequestSource.Portal, details, input.DirectWorkOrder, now);
            db.ServiceRequests.Add(request);
            await db.SaveChangesAsync(ct);

            if (job is not null)
            {
                var converted = request.ConvertToJob(job.Id, actor.Name, now);
                if (!converted.Succeeded) throw new InvalidOperationException(converted.Message);
            }
            AddPhotos(db, actor, customerId, request, job, onRequest, onJob);
            await notifications.QueueAsync(db, company, customerId, PortalModules.Requests, TemplateEvent.WorkRequestReceived, values => values
                .Set(MergeTagCatalog.RequestNumber, request.Number)
                .SetLink(MergeTagCatalog.RequestLink, PortalPaths.Request(request.Id)), ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);

            await live.PublishAsync(new ServiceRequestChanged(customerId, request.Id), ct);
            if (job is not null) await JobLiveEvents.PublishAsync(live, job, ct);
            return new WorkRequestReceipt(request.Id, request.Number, job?.Id, job?.Number);
        }
        catch
        {
            await attachments.DeleteStoredFilesAsync([.. onRequest, .. onJob]);
            throw;
        }
    }

    /// <summary>The customer's requests, newest first.</summary>
    public async Task<Result<IReadOnlyList<WorkRequestRow>>> ListMineAsync(Actor actor, CancellationToken ct)
    {
        if (actor.CustomerId is not { } customerId || !access.Can(actor, Operation.ViewRequest))
            return Result<IReadOnlyList<WorkRequestRow>>.From(Result.NotFound());
        var company = await companySettings.GetAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var requests = await db.ServiceRequests.AsNoTracking().Where(r => r.CustomerId == customerId)
            .OrderByDescending(r => r.CreatedAtUtc).ThenByDescending(r => r.Id)
            .ToListAsync(ct);
        return requests.Where(r => access.Can(actor, Operation.ViewRequest, r))
            .Select(r => new WorkRequestRow(r.Id, r.Number, r.Category, r.Title, r.PreferredDate, r.PreferredTimeWindow, r.Status,
                r.IsDirectWorkOrder, company.ToLocal(r.CreatedAtUtc)))
            .ToList();
    }

    /// <summary>One of the customer's requests with its photos and what became of it; anyone else's is "not found".</summary>
    public async Task<Result<WorkRequestDetail>> GetMineAsync(Actor actor, int requestId, CancellationToken ct)
    {
        if (!actor.IsCustomer) return Result<WorkRequestDetail>.From(Result.NotFound());
        var company = await companySettings.GetAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await db.ServiceRequests.AsNoTracking().SingleOrDefaultAsync(x => x.Id == requestId, ct);
        if (r is null || !access.Can(actor, Operation.ViewRequest, r)) return Result<WorkRequestDetail>.From(Result.NotFound("That request was not found."));

        var photos = await attachments.ListAsync(actor, new AttachmentOwner(AttachmentOwnerKind.ServiceRequest, r.Id), ct);
        string? estimateNumber = null, estimateLink = null, jobNumber = null, jobLink = null;
        if (r.EstimateId is { } estimateId && await db.Estimates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == estimateId, ct) is { } estimate)
        {
            estimateNumber = estimate.Number;
            if (access.Can(actor, Operation.ViewEstimate, estimate)) estimateLink = PortalPaths.Estimate(estimate.Id);
        }
        if (r.JobId is { } jobId && await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, ct) is { } job)
        {
            jobNumber = job.Number;
            if (access.Can(actor, Operation.ViewJob, job)) jobLink = PortalPaths.Job(job.Id);
        }
        return new WorkRequestDetail(r.Id, r.Number, r.Source, r.Category, r.Title, r.Description, r.ServiceAddress,
            r.PreferredDate, r.PreferredTimeWindow, r.AlternativeDate, r.AlternativeTimeWindow, r.ContactBy, r.ContactName, r.ContactEmail,
            r.ContactPhone, r.IsDirectWorkOrder, r.Status, company.ToLocal(r.CreatedAtUtc), r.DecidedAtUtc is { } decided ? company.ToLocal(decided) : null,
            r.Status == ServiceRequestStatus.Declined ? r.DeclineReason : "", estimateNumber, estimateLink, jobNumber, jobLink,
            photos.Succeeded ? photos.Value!.Where(p => p.IsPicture).ToList() : []);
    }

    /// <summary>Is the public request page open: the company's portal is on and Requests is one of its default modules.</summary>
    public async Task<bool> PublicFormOpenAsync(CancellationToken ct)
    {
        var company = await companySettings.GetAsync(ct);
        return company.PortalEnabled && company.DefaultModules.HasFlag(PortalModules.Requests);
    }

    /// <summary>
    /// The public request page: makes a customer waiting for staff review (portal closed) with the typed address as its
    /// service address, and the request from it. Nothing is e-mailed to the address typed in. A filled
    /// <see cref="PublicWorkRequestInput.Website"/> (the honeypot) gets a receipt without a number and nothing is kept.
    /// </summary>
    public async Task<Result<WorkRequestReceipt>> SubmitPublicAsync(PublicWorkRequestInput input, IReadOnlyList<RequestPhoto> photos, CancellationToken ct)
    {
        if (!await PublicFormOpenAsync(ct)) return Result<WorkRequestReceipt>.From(Result.NotFound());
        if (!string.IsNullOrWhiteSpace(input.Website)) return new WorkRequestReceipt(0, "", null, null);
        var company = await companySettings.GetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;

        input.ServiceAddressId = null;
        input.DirectWorkOrder = false;
        if (string.IsNullOrWhiteSpace(input.ContactPhone)) input.ContactPhone = input.Phone;
        var errors = Check(input, company.Today(now), photos.Count);
        errors.Remove(nameof(WorkRequestInput.ContactPhone)); // the page has one phone field, checked below
        if (string.IsNullOrWhiteSpace(input.FirstName)) errors[nameof(PublicWorkRequestInput.FirstName)] = "Enter your first name.";
        if (string.IsNullOrWhiteSpace(input.LastName)) errors[nameof(PublicWorkRequestInput.LastName)] = "Enter your last name.";
        Length(errors, nameof(PublicWorkRequestInput.FirstName), input.FirstName, 100, "Your first name");
        Length(errors, nameof(PublicWorkRequestInput.LastName), input.LastName, 100, "Your last name");
        Length(errors, nameof(PublicWorkRequestInput.CompanyName), input.CompanyName, 200, "The company name");
        if (!CustomerInputRules.IsValidEmail(input.Email.Trim())) errors[nameof(PublicWorkRequestInput.Email)] = CustomerInputRules.EmailInvalid;
        if (string.IsNullOrWhiteSpace(input.Phone)) errors[nameof(PublicWorkRequestInput.Phone)] = "Enter a phone number we can reach you on.";
        else if (!CustomerInputRules.IsValidPhone(input.Phone.Trim())) errors[nameof(PublicWorkRequestInput.Phone)] = CustomerInputRules.PhoneInvalid;
        if (errors.Count > 0) return Result<WorkRequestReceipt>.From(Result.Invalid(CheckFieldsMessage, errors));

        var prepared = await PrepareAsync(photos, ct);
        if (!prepared.Succeeded) return Result<WorkRequestReceipt>.From(prepared);

        var contactName = $"{input.FirstName.Trim()} {input.LastName.Trim()}";
        var details = Details(input, null, input.NewAddress, contactName, input.Email);
        var visitor = new Actor { Kind = ActorKind.System, Name = $"{contactName} (request page)" };

        var onRequest = await attachments.StoreFilesAsync(prepared.Value!, ct);
        try
        {
            return await SavePublicRequestAsync(input, details, visitor, onRequest, now, ct);
        }
        catch
        {
            await attachments.DeleteStoredFilesAsync(onRequest);
            throw;
        }
    }

    /// <summary>The new customer, the request and its photos (stored already), in one transaction, tried again when the made-up portal identifier was taken meanwhile.</summary>
    private async Task<WorkRequestReceipt> SavePublicRequestAsync(PublicWorkRequestInput input, ServiceRequestDetails details, Actor visitor,
        IReadOnlyList<StoredUpload> photos, DateTime now, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var customer = Customer.FromPublicRequest(input.FirstName, input.LastName, input.CompanyName, input.Email, input.Phone, now);
            customer.AddServiceAddress("Service address", details.ServiceAddress, "");
            var identifier = customer.ChangePortalIdentifier(
                await CustomerService.FreePortalIdentifierAsync(db, Customer.SlugFrom(CustomerSearch.Fold(customer.DisplayName)), ct));
            if (!identifier.Succeeded) throw new InvalidOperationException($"A made-up portal identifier was refused: {identifier.Message}");
            db.Customers.Add(customer);

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (attempt < CreateAttempts)
            {
                // Another new customer may have taken the same portal identifier between our check and our insert.
                continue;
            }
            var addressId = customer.ServiceAddresses.Single().Id;
            var request = new ServiceRequest(await DocumentNumbers.NextAsync(db, DocumentPrefixes.Request, ct), customer.Id, null,
                ServiceRequestSource.PublicForm, details with { ServiceAddressId = addressId }, false, now);
            db.ServiceRequests.Add(request);
            await db.SaveChangesAsync(ct);
            AddPhotos(db, visitor, customer.Id, request, null, photos, []);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);

            await live.PublishAsync(new CustomerChanged(customer.Id), ct);
            await live.PublishAsync(new ServiceRequestChanged(customer.Id, request.Id), ct);
            return new WorkRequestReceipt(request.Id, request.Number, null, null);
        }
    }

    private WorkRequestAbility? AbilityOf(Actor actor, CompanySettings company)
    {
        if (!actor.IsCustomer || actor.CustomerId is null || !access.Can(actor, Operation.ViewRequest)) return null;
        var call = string.IsNullOrWhiteSpace(company.Phone) ? "" : $" on {company.Phone}";
        var reason =
            actor.IsViewAsCustomer ? "You are viewing this customer's portal as staff; only the customer can send requests from here." :
            actor.IsLocked ? $"Your portal access is locked, so you cannot send requests. Please contact {company.Name}{call}." :
            !actor.CanSubmitRequests ? $"Your account may not send requests; ask {company.Name} to allow it, or call them{call}." :
            !access.Can(actor, Operation.SubmitRequest) ? $"Requests cannot be sent from this account; please contact {company.Name}{call}." :
            "";
        return new WorkRequestAbility(reason.Length == 0, reason, reason.Length == 0 && company.DirectWorkOrdersEnabled);
    }

    private static async Task<IReadOnlyList<RequestAddressChoice>> AddressesAsync(PortalDbContext db, int customerId, CancellationToken ct) =>
        (await db.Customers.AsNoTracking().Include(c => c.ServiceAddresses).Where(c => c.Id == customerId)
            .SelectMany(c => c.ServiceAddresses).ToListAsync(ct))
        .OrderByDescending(a => a.IsPrimary).ThenBy(a => a.Id)
        .Select(a => new RequestAddressChoice(a.Id, a.Label, a.Address, a.IsPrimary))
        .ToList();

    /// <summary>Every field rule of the form; the keys are the input's property names. The address id is checked by the caller.</summary>
    public static Dictionary<string, string> Check(WorkRequestInput input, DateOnly today, int photoCount)
    {
        var errors = new Dictionary<string, string>();
        if (!input.DirectWorkOrder && !WorkRequestChoices.Categories.Contains(input.Category))
            errors[nameof(WorkRequestInput.Category)] = "Choose what kind of work you need.";
        if (string.IsNullOrWhiteSpace(input.Title)) errors[nameof(WorkRequestInput.Title)] = "Give the work a short title, e.g. \"Kitchen sink leaking\".";
        Length(errors, nameof(WorkRequestInput.Title), input.Title, 200, "The title");
        if (string.IsNullOrWhiteSpace(input.Description)) errors[nameof(WorkRequestInput.Description)] = "Describe what is needed in a sentence or two.";
        Length(errors, nameof(WorkRequestInput.Description), input.Description, 8000, "The description");

        if (input.ServiceAddressId is null)
        {
            var a = input.NewAddress;
            if (string.IsNullOrWhiteSpace(a.Line1)) errors["NewAddress.Line1"] = "Enter the street address where the work is.";
            if (string.IsNullOrWhiteSpace(a.City)) errors["NewAddress.City"] = "Enter the town or city.";
            Length(errors, "NewAddress.Line1", a.Line1, 200, "The street address");
            Length(errors, "NewAddress.Line2", a.Line2, 200, "Address line 2");
            Length(errors, "NewAddress.City", a.City, 100, "The city");
            Length(errors, "NewAddress.Region", a.Region, 100, "The state or region");
            Length(errors, "NewAddress.PostalCode", a.PostalCode, 20, "The postal code");
        }

        CheckDay(errors, nameof(WorkRequestInput.PreferredDate), input.PreferredDate, today, required: true);
        if (string.IsNullOrWhiteSpace(input.PreferredTimeWindow)) errors[nameof(WorkRequestInput.PreferredTimeWindow)] = "Choose a time of day that suits you.";
        Length(errors, nameof(WorkRequestInput.PreferredTimeWindow), input.PreferredTimeWindow, 100, "The time of day");
        CheckDay(errors, nameof(WorkRequestInput.AlternativeDate), input.AlternativeDate, today, required: false);
        if (input.AlternativeDate is not null && string.IsNullOrWhiteSpace(input.AlternativeTimeWindow))
            errors[nameof(WorkRequestInput.AlternativeTimeWindow)] = "Choose a time of day for the other day too.";
        if (input.AlternativeDate is null && !string.IsNullOrWhiteSpace(input.AlternativeTimeWindow))
            errors[nameof(WorkRequestInput.AlternativeDate)] = "Choose the other day, or clear its time of day.";
        Length(errors, nameof(WorkRequestInput.AlternativeTimeWindow), input.AlternativeTimeWindow, 100, "The time of day");

        if (input.ContactBy is ContactMethod.Phone or ContactMethod.Text)
        {
            var how = input.ContactBy == ContactMethod.Phone ? "call" : "text";
            if (string.IsNullOrWhiteSpace(input.ContactPhone)) errors[nameof(WorkRequestInput.ContactPhone)] = $"Enter the phone number we should {how}.";
            else if (!CustomerInputRules.IsValidPhone(input.ContactPhone.Trim())) errors[nameof(WorkRequestInput.ContactPhone)] = CustomerInputRules.PhoneInvalid;
        }
        else if (!string.IsNullOrWhiteSpace(input.ContactPhone) && !CustomerInputRules.IsValidPhone(input.ContactPhone.Trim()))
        {
            errors[nameof(WorkRequestInput.ContactPhone)] = CustomerInputRules.PhoneInvalid;
        }
        if (!Enum.IsDefined(input.ContactBy)) errors[nameof(WorkRequestInput.ContactBy)] = "Choose how we should contact you.";

        if (photoCount > ServiceRequest.MaxPhotos) errors[PhotosField] = TooManyPhotos;
        return errors;
    }

    private static void CheckDay(Dictionary<string, string> errors, string field, DateOnly? day, DateOnly today, bool required)
    {
        if (day is not { } d)
        {
            if (required) errors[field] = "Choose the day you would like us to come.";
            return;
        }
        if (d < today) errors[field] = $"Choose today ({today:MMM d}) or a later day.";
        else if (d > today.AddYears(1)) errors[field] = "Choose a day within the next year.";
    }

    private static void Length(Dictionary<string, string> errors, string field, string value, int max, string what)
    {
        if (value.Trim().Length > max && !errors.ContainsKey(field)) errors[field] = $"{what} can be at most {max:N0} characters.";
    }

    private static ServiceRequestDetails Details(WorkRequestInput input, int? addressId, Address address, string contactName, string contactEmail) => new(
        input.DirectWorkOrder && string.IsNullOrWhiteSpace(input.Category) ? "Work order" : input.Category,
        input.Title, input.Description, addressId,
        new Address(address.Line1.Trim(), address.Line2.Trim(), address.City.Trim(), address.Region.Trim(), address.PostalCode.Trim()),
        input.PreferredDate, input.PreferredTimeWindow, input.AlternativeDate, input.AlternativeTimeWindow,
        input.ContactBy, contactName, contactEmail, input.ContactPhone);

    /// <summary>Runs every photo through the upload checks before anything is stored; only pictures pass.</summary>
    private async Task<Result<IReadOnlyList<PreparedUpload>>> PrepareAsync(IReadOnlyList<RequestPhoto> photos, CancellationToken ct)
    {
        var prepared = new List<PreparedUpload>();
        foreach (var photo in photos)
        {
            using var content = new MemoryStream(photo.Content, writable: false);
            var result = await attachments.PrepareAsync(content, photo.FileName, ct);
            if (!result.Succeeded) return Result<IReadOnlyList<PreparedUpload>>.From(Result.Invalid(PhotosField, result.Message));
            if (result.Value!.Kind != AttachmentKind.Picture)
                return Result<IReadOnlyList<PreparedUpload>>.From(Result.Invalid(PhotosField,
                    $"{result.Value.DisplayName} is not a picture. You can add JPEG, PNG, GIF or WebP photos."));
            prepared.Add(result.Value);
        }
        return prepared;
    }

    /// <summary>The photos on the request (shared with the customer) and, for a direct work order, a copy on its job.</summary>
    private void AddPhotos(PortalDbContext db, Actor actor, int customerId, ServiceRequest request, Job? job,
        IReadOnlyList<StoredUpload> onRequest, IReadOnlyList<StoredUpload> onJob)
    {
        var shared = new UploadSettings(VisibleToCustomer: true);
        foreach (var photo in onRequest)
            attachments.Add(db, actor, customerId, new AttachmentOwner(AttachmentOwnerKind.ServiceRequest, request.Id), photo, shared);
        if (job is null) return;
        foreach (var photo in onJob)
            attachments.Add(db, actor, customerId, new AttachmentOwner(AttachmentOwnerKind.Job, job.Id), photo, shared);
    }
}
