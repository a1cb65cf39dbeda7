using CustomerPortal.Core.Access;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Customers;

/// <summary>
/// Staff work on customer records: the searchable list, the profile's details, create, edit, archive and restore.
/// Everything here is back-office data (internal notes included), so a customer actor is never served.
/// </summary>
public sealed class CustomerService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessRules access,
    AuditLog audit,
    ILiveEventPublisher live,
    TimeProvider clock)
{
    public const string CheckFieldsMessage = "Please correct the highlighted fields.";
    private const int CreateAttempts = 3;

    /// <summary>How many matching ids a search collects in its first pass (see <see cref="ListAsync"/>); tests make it small.</summary>
    internal int SearchWindow { get; init; } = 5000;

    /// <summary>
    /// One page of customers with the total count. The filter and the sort run in SQL on indexes that carry the archive
    /// flag and search text, and the page's ids are found before any wide row is read, so deep pages stay cheap.
    /// Measured in CustomerPortal.Benchmarks (README, Benchmarks).
    /// </summary>
    public async Task<Result<PagedList<CustomerListRow>>> ListAsync(Actor actor, CustomerListQuery query, CancellationToken ct)
    {
        if (!MayList(actor)) return Result<PagedList<CustomerListRow>>.From(Result.Forbidden());
        var pageSize = Math.Clamp(query.PageSize, 1, CustomerListQuery.MaxPageSize);
        var page = Math.Max(0, query.Page);

        var offset = page * pageSize;
        var terms = CustomerSearch.Terms(query.Search);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var filtered = Listed(db, query);
        var sortedIds = filtered.Select(c => c.Id);

        int total;
        List<int> ids;
        if (terms.Count == 0)
        {
            total = await filtered.CountAsync(ct);
            ids = await sortedIds.Skip(offset).Take(pageSize).ToListAsync(ct);
        }
        else
        {
            // A search that matches little reads the whole index before it has a page, and the count would read it all
            // again. One pass collecting the first matches in sort order gives both, unless the words are very common;
            // then that pass stops early and only the count reads everything.
            var leading = await sortedIds.Take(SearchWindow + 1).ToListAsync(ct);
            if (leading.Count <= SearchWindow)
            {
                total = leading.Count;
                ids = leading.Skip(offset).Take(pageSize).ToList();
            }
            else
            {
                total = await filtered.CountAsync(ct);
                ids = offset + pageSize <= SearchWindow
                    ? leading.Skip(offset).Take(pageSize).ToList()
                    : await sortedIds.Skip(offset).Take(pageSize).ToListAsync(ct);
            }
        }
        if (ids.Count == 0) return new PagedList<CustomerListRow>([], total);

        var rows = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new
            {
                c.Id, c.DisplayName, c.FirstName, c.LastName, c.CompanyName, c.Email, c.Phone, c.PortalEnabled, c.IsArchived, c.CreatedAtUtc, c.IsPendingReview,
                PortalUsers = db.PortalUsers.Count(p => p.CustomerId == c.Id),
            })
            .ToDictionaryAsync(c => c.Id, ct);
        var pageRows = ids.Where(rows.ContainsKey).Select(id => rows[id]).Select(c => new CustomerListRow(
                c.Id, c.DisplayName, $"{c.FirstName} {c.LastName}".Trim(), c.CompanyName, c.Email, c.Phone, c.PortalEnabled,
                c.PortalUsers, c.IsArchived, c.CreatedAtUtc, c.IsPendingReview))
            .ToList();
        return new PagedList<CustomerListRow>(pageRows, total);
    }

    /// <summary>The profile of one customer with its contacts and service addresses, ready to edit.</summary>
    public async Task<Result<CustomerDetails>> GetAsync(Actor actor, int customerId, CancellationToken ct)
    {
        if (!IsStaffAllowed(actor, Operation.ViewCustomer) || !access.CanReachCustomer(actor, Operation.ViewCustomer, customerId))
            return Result<CustomerDetails>.From(NotFound());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking()
            .Include(c => c.Contacts.OrderBy(x => x.Id))
            .Include(c => c.ServiceAddresses.OrderBy(x => x.Id))
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null) return Result<CustomerDetails>.From(NotFound());
        return new CustomerDetails(customer.Id, customer.DisplayName, customer.PortalIdentifier, customer.PortalEnabled, customer.IsArchived,
            customer.CreatedAtUtc, customer.UpdatedAtUtc, ToInput(customer), customer.IsPendingReview);
    }

    /// <summary>Creates a customer with a unique portal identifier made from its name ("smith-family", "smith-family-2"). Returns the new id.</summary>
    public async Task<Result<int>> CreateAsync(Actor actor, CustomerInput input, CancellationToken ct)
    {
        if (!IsStaffAllowed(actor, Operation.EditCustomer)) return Result<int>.From(Result.Forbidden());
        var errors = CustomerInputRules.Validate(input);
        if (errors.Count > 0) return Result<int>.From(Result.Invalid(CheckFieldsMessage, errors));

        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var customer = new Customer(input.FirstName, input.LastName, input.CompanyName, input.Email, input.Phone, now);
            ApplyDetails(customer, input);
            ApplyContacts(db, customer, input.Contacts);
            ApplyAddresses(db, customer, input.ServiceAddresses);
            var identifier = customer.ChangePortalIdentifier(
                await FreePortalIdentifierAsync(db, Customer.SlugFrom(CustomerSearch.Fold(customer.DisplayName)), ct));
            if (!identifier.Succeeded) throw new InvalidOperationException($"A made-up portal identifier was refused: {identifier.Message}");
            db.Customers.Add(customer);
            // The audit event needs the new id, so customer and event are two saves in one transaction.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (attempt < CreateAttempts)
            {
                // Another create may have taken the same identifier between our check and our insert; then pick again.
                if (await IdentifierTakenAsync(customer.PortalIdentifier, ct)) continue;
                throw;
            }
            audit.Add(db, actor, AuditActions.CustomerChanged, nameof(Customer), customer.Id.ToString(), customer.Id,
                $"Created the customer with portal identifier {customer.PortalIdentifier}.");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            await live.PublishAsync(new CustomerChanged(customer.Id), ct);
            return customer.Id;
        }
    }

    /// <summary>
    /// Saves the Details tab. The save is refused as a conflict when the customer changed since <see cref="CustomerInput.Version"/>
    /// was loaded, so nobody overwrites another's edit. Returns the new version.
    /// </summary>
    public async Task<Result<int>> UpdateAsync(Actor actor, int customerId, CustomerInput input, CancellationToken ct)
    {
        if (!IsStaffAllowed(actor, Operation.EditCustomer) || !access.CanReachCustomer(actor, Operation.EditCustomer, customerId))
            return Result<int>.From(Result.Forbidden());
        var errors = CustomerInputRules.Validate(input);
        if (errors.Count > 0) return Result<int>.From(Result.Invalid(CheckFieldsMessage, errors));

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Customers.Include(c => c.Contacts).Include(c => c.ServiceAddresses).AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null) return Result<int>.From(NotFound());
        if (customer.Version != input.Version) return Result<int>.From(Result.Conflict(await ConflictMessageAsync(db, actor, customerId, ct)));

        Apply(db, customer, input);

        var changes = DescribeChanges(db, customer);
        if (changes.Count == 0) return customer.Version;

        db.Entry(customer).Property(c => c.Version).OriginalValue = input.Version;
        customer.MarkEdited(clock.GetUtcNow().UtcDateTime);
        audit.Add(db, actor, AuditActions.CustomerChanged, nameof(Customer), customerId.ToString(), customerId,
            $"Changed {string.Join(", ", changes)}.");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            return Result<int>.From(Result.Conflict(await ConflictMessageAsync(fresh, actor, customerId, ct)));
        }
        await live.PublishAsync(new CustomerChanged(customerId), ct);
        return customer.Version;
    }

    /// <summary>Hides the customer from the list (nothing is deleted). Returns the new version.</summary>
    public Task<Result<int>> ArchiveAsync(Actor actor, int customerId, CancellationToken ct) => SetArchivedAsync(actor, customerId, true, ct);

    /// <summary>Keeps a customer made by the public request page as a real customer (its portal stays closed until staff open it). Returns the new version.</summary>
    public async Task<Result<int>> ApproveAsync(Actor actor, int customerId, CancellationToken ct)
    {
        if (!IsStaffAllowed(actor, Operation.EditCustomer) || !access.CanReachCustomer(actor, Operation.EditCustomer, customerId))
            return Result<int>.From(Result.Forbidden());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null) return Result<int>.From(NotFound());
        var approved = customer.ApproveAfterReview(clock.GetUtcNow().UtcDateTime);
        if (!approved.Succeeded) return Result<int>.From(approved);
        audit.Add(db, actor, AuditActions.CustomerChanged, nameof(Customer), customerId.ToString(), customerId,
            "Approved the customer who wrote in through the public request page.");
        await db.SaveChangesAsync(ct);
        await live.PublishAsync(new CustomerChanged(customerId), ct);
        return customer.Version;
    }

    /// <summary>Brings an archived customer back to the list. Returns the new version.</summary>
    public Task<Result<int>> RestoreAsync(Actor actor, int customerId, CancellationToken ct) => SetArchivedAsync(actor, customerId, false, ct);

    private async Task<Result<int>> SetArchivedAsync(Actor actor, int customerId, bool archived, CancellationToken ct)
    {
        if (!IsStaffAllowed(actor, Operation.EditCustomer) || !access.CanReachCustomer(actor, Operation.EditCustomer, customerId))
            return Result<int>.From(Result.Forbidden());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null) return Result<int>.From(NotFound());
        if (customer.IsArchived == archived) return customer.Version;

        var now = clock.GetUtcNow().UtcDateTime;
        var changed = archived ? customer.Archive(now) : customer.Restore(now);
        if (!changed.Succeeded) return Result<int>.From(changed);
        audit.Add(db, actor, AuditActions.CustomerChanged, nameof(Customer), customerId.ToString(), customerId,
            archived ? "Archived the customer." : "Restored the customer from the archive.");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            return Result<int>.From(Result.Conflict(await ConflictMessageAsync(fresh, actor, customerId, ct)));
        }
        await live.PublishAsync(new CustomerChanged(customerId), ct);
        return customer.Version;
    }

    /// <summary>May the actor see the staff customer list (and so export it)?</summary>
    internal bool MayList(Actor actor) => IsStaffAllowed(actor, Operation.ViewCustomer);

    /// <summary>Every customer of the list for the query, filtered and sorted, without paging: the list's pages and its export read this.</summary>
    internal static IOrderedQueryable<Customer> Listed(PortalDbContext db, CustomerListQuery query)
    {
        var filtered = db.Customers.AsNoTracking();
        if (!query.IncludeArchived) filtered = filtered.Where(c => !c.IsArchived);
        if (query.PortalInvitedOnly)
            filtered = filtered.Where(c => db.PortalUsers.Any(u => u.CustomerId == c.Id && u.Status == Accounts.PortalUserStatus.Invited));
        return Sorted(filtered.Matching(query.Search), query.Sort, query.Descending);
    }

    private bool IsStaffAllowed(Actor actor, Operation operation) => !actor.IsCustomer && access.Can(actor, operation);

    private static Result NotFound() => Result.NotFound("That customer was not found.");

    private static IOrderedQueryable<Customer> Sorted(IQueryable<Customer> customers, CustomerSort sort, bool descending) => (sort, descending) switch
    {
        (CustomerSort.Email, false) => customers.OrderBy(c => c.Email).ThenBy(c => c.Id),
        (CustomerSort.Email, true) => customers.OrderByDescending(c => c.Email).ThenByDescending(c => c.Id),
        (CustomerSort.Created, false) => customers.OrderBy(c => c.CreatedAtUtc).ThenBy(c => c.Id),
        (CustomerSort.Created, true) => customers.OrderByDescending(c => c.CreatedAtUtc).ThenByDescending(c => c.Id),
        (_, false) => customers.OrderBy(c => c.DisplayName).ThenBy(c => c.Id),
        (_, true) => customers.OrderByDescending(c => c.DisplayName).ThenByDescending(c => c.Id),
    };

    /// <summary>The form's values for a customer loaded with its contacts and service addresses (My profile edits from these too).</summary>
    internal static CustomerInput ToInput(Customer customer) => new()
    {
        FirstName = customer.FirstName,
        LastName = customer.LastName,
        CompanyName = customer.CompanyName,
        Email = customer.Email,
        Phone = customer.Phone,
        EmailNotifications = customer.EmailNotifications,
        SmsNotifications = customer.SmsNotifications,
        MarketingOptIn = customer.MarketingOptIn,
        InternalNotes = customer.InternalNotes,
        Version = customer.Version,
        Contacts = customer.Contacts.Select(c => new ContactInput { Id = c.Id, Name = c.Name, Email = c.Email, Phone = c.Phone, Role = c.Role }).ToList(),
        ServiceAddresses = customer.ServiceAddresses.Select(a => new ServiceAddressInput
        {
            Id = a.Id, Label = a.Label, Line1 = a.Address.Line1, Line2 = a.Address.Line2, City = a.Address.City, Region = a.Address.Region,
            PostalCode = a.Address.PostalCode, IsPrimary = a.IsPrimary, AccessNotes = a.AccessNotes,
        }).ToList(),
    };

    /// <summary>Writes a validated form onto a customer loaded with its contacts and service addresses.</summary>
    internal static void Apply(PortalDbContext db, Customer customer, CustomerInput input)
    {
        customer.Rename(input.FirstName, input.LastName, input.CompanyName);
        customer.ChangeContactDetails(input.Email, input.Phone);
        ApplyDetails(customer, input);
        ApplyContacts(db, customer, input.Contacts);
        ApplyAddresses(db, customer, input.ServiceAddresses);
    }

    private static void ApplyDetails(Customer customer, CustomerInput input)
    {
        customer.ChangePreferences(input.EmailNotifications, input.SmsNotifications, input.MarketingOptIn);
        customer.UpdateInternalNotes(input.InternalNotes);
    }

    private static void ApplyContacts(PortalDbContext db, Customer customer, List<ContactInput> inputs)
    {
        var kept = inputs.Where(i => i.Id is not null).Select(i => i.Id!.Value).ToHashSet();
        foreach (var removed in customer.Contacts.Where(c => !kept.Contains(c.Id)).ToList())
        {
            customer.RemoveContact(removed);
            db.Remove(removed);
        }
        foreach (var input in inputs)
        {
            var contact = customer.Contacts.FirstOrDefault(c => input.Id is not null && c.Id == input.Id);
            if (contact is null) customer.AddContact(input.Name, input.Email, input.Phone, input.Role);
            else contact.Update(input.Name, input.Email, input.Phone, input.Role);
        }
    }

    private static void ApplyAddresses(PortalDbContext db, Customer customer, List<ServiceAddressInput> inputs)
    {
        var kept = inputs.Where(i => i.Id is not null).Select(i => i.Id!.Value).ToHashSet();
        foreach (var removed in customer.ServiceAddresses.Where(a => !kept.Contains(a.Id)).ToList())
        {
            customer.RemoveServiceAddress(removed);
            db.Remove(removed);
        }
        var primaryIndex = Math.Max(0, inputs.FindIndex(i => i.IsPrimary));
        ServiceAddress? primary = null;
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var place = new Address(input.Line1, input.Line2, input.City, input.Region, input.PostalCode);
            var address = customer.ServiceAddresses.FirstOrDefault(a => input.Id is not null && a.Id == input.Id);
            if (address is null) address = customer.AddServiceAddress(input.Label, place, input.AccessNotes);
            else address.Update(input.Label, place, input.AccessNotes);
            if (i == primaryIndex) primary = address;
        }
        if (primary is not null) customer.MakePrimary(primary);
    }

    /// <summary>What the audit log says changed, in words; field names only, never the values (notes stay private).</summary>
    internal static List<string> DescribeChanges(PortalDbContext db, Customer customer)
    {
        db.ChangeTracker.DetectChanges();
        var entry = db.Entry(customer);
        var changes = entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name switch
        {
            nameof(Customer.FirstName) => "first name",
            nameof(Customer.LastName) => "last name",
            nameof(Customer.CompanyName) => "company",
            nameof(Customer.Email) => "e-mail",
            nameof(Customer.Phone) => "phone",
            nameof(Customer.EmailNotifications) => "e-mail preference",
            nameof(Customer.SmsNotifications) => "SMS preference",
            nameof(Customer.MarketingOptIn) => "marketing opt-in",
            nameof(Customer.InternalNotes) => "internal notes",
            _ => null,
        }).OfType<string>().ToList();
        if (db.ChangeTracker.Entries<CustomerContact>().Any(e => e.State != EntityState.Unchanged)) changes.Add("contacts");
        if (db.ChangeTracker.Entries<ServiceAddress>().Any(e => e.State != EntityState.Unchanged)) changes.Add("service addresses");
        return changes;
    }

    internal static async Task<string> FreePortalIdentifierAsync(PortalDbContext db, string slug, CancellationToken ct)
    {
        var prefix = slug + "-";
        var taken = (await db.Customers.Where(c => c.PortalIdentifier == slug || c.PortalIdentifier.StartsWith(prefix))
            .Select(c => c.PortalIdentifier).ToListAsync(ct)).ToHashSet();
        if (!taken.Contains(slug)) return slug;
        for (var n = 2; ; n++)
        {
            var candidate = $"{slug}-{n}";
            if (!taken.Contains(candidate)) return candidate;
        }
    }

    private async Task<bool> IdentifierTakenAsync(string identifier, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Customers.AnyAsync(c => c.PortalIdentifier == identifier, ct);
    }

    /// <summary>Names who saved last, so the refused editor knows whose changes to look at.</summary>
    private static async Task<string> ConflictMessageAsync(PortalDbContext db, Actor actor, int customerId, CancellationToken ct)
    {
        var last = await db.AuditEvents.AsNoTracking()
            .Where(a => a.CustomerId == customerId && a.Action == AuditActions.CustomerChanged)
            .OrderByDescending(a => a.Id)
            .Select(a => new { a.ActorKind, a.ActorId, a.ActorName })
            .FirstOrDefaultAsync(ct);
        var ownId = (actor.StaffUserId ?? actor.PortalUserId)?.ToString();
        if (last is not null && last.ActorKind == actor.Kind && last.ActorId == ownId)
            return "You changed this customer in another window while editing here; reload to see those changes. Nothing was saved from this form.";
        var who = string.IsNullOrWhiteSpace(last?.ActorName) ? "Someone else" : last.ActorName;
        return $"{who} changed this customer while you were editing; reload to see their changes. Nothing was saved from this form.";
    }
}
