using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerPortal.Core.Customers;

/// <summary>A customer's portal set-up as staff see it: on/off, identifier, visible modules, the users, and view-as-customer.</summary>
public sealed class CustomerPortalService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessRules access,
    CompanySettingsService company,
    AuditLog audit,
    ILiveEventPublisher live,
    TimeProvider clock)
{
    public const string ConflictMessage =
        "Someone else changed this customer's portal settings while you were editing. Your changes were not saved; reload to see theirs.";

    public const string IdentifierRules = "Use 3 to 60 lower-case letters, digits and single dashes, e.g. smith-family.";

    public async Task<Result<CustomerPortalView>> GetAsync(Actor actor, int customerId, CancellationToken ct)
    {
        if (!access.CanReachCustomer(actor, Operation.ManagePortalUsers, customerId)) return Result<CustomerPortalView>.From(Result.Forbidden());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.DisplayName, c.FirstName, c.LastName, c.Email, c.PortalEnabled, c.PortalIdentifier, c.ModuleOverrides, c.Version })
            .SingleOrDefaultAsync(ct);
        if (customer is null) return Result<CustomerPortalView>.From(Result.NotFound("That customer was not found."));

        var users = await (
                from user in db.PortalUsers.AsNoTracking()
                where user.CustomerId == customerId
                join account in db.Users on user.AccountId equals account.Id into accounts
                from account in accounts.DefaultIfEmpty()
                orderby user.Name, user.Id
                select new { User = user, HasPassword = account != null && account.PasswordHash != null })
            .ToListAsync(ct);
        var contacts = await db.CustomerContacts.AsNoTracking().Where(c => c.CustomerId == customerId && c.Email != "")
            .OrderBy(c => c.Name).Select(c => new { c.Name, c.Email, c.Role }).ToListAsync(ct);

        var settings = await company.GetAsync(ct);
        var rows = users.Select(u => new PortalUserRow(u.User.Id, u.User.Name, u.User.Email, u.User.Status, u.User.LoginMode,
            PortalUserPermissions.Of(u.User), u.HasPassword, settings.ToLocal(u.User.InvitedAtUtc),
            u.User.LastSignInAtUtc is { } last ? settings.ToLocal(last) : null, u.User.Version)).ToList();

        var taken = rows.Select(r => r.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var choices = new List<EmailChoice>();
        if (!string.IsNullOrWhiteSpace(customer.Email))
            choices.Add(new($"{customer.FirstName} {customer.LastName}".Trim() is { Length: > 0 } person ? person : customer.DisplayName, customer.Email.Trim(), "Customer"));
        choices.AddRange(contacts.Select(c => new EmailChoice(c.Name, c.Email.Trim(), string.IsNullOrWhiteSpace(c.Role) ? "Contact" : c.Role)));
        choices = choices.Where(c => !taken.Contains(c.Email)).DistinctBy(c => c.Email.ToLowerInvariant()).ToList();

        return new CustomerPortalView(customerId, customer.DisplayName, customer.PortalEnabled, customer.PortalIdentifier, customer.ModuleOverrides,
            customer.Version, settings.PortalEnabled, settings.DefaultModules, rows, choices);
    }

    /// <summary>Turns the customer's portal on or off, changes its identifier and the modules it shows. Returns the new version.</summary>
    public async Task<Result<int>> UpdateAccessAsync(Actor actor, int customerId, PortalAccessInput input, CancellationToken ct)
    {
        if (!access.CanReachCustomer(actor, Operation.ManagePortalUsers, customerId)) return Result<int>.From(Result.Forbidden());
        var identifier = (input.PortalIdentifier ?? "").Trim();
        if (!Customer.IsValidPortalIdentifier(identifier))
            return Result<int>.From(Result.Invalid(nameof(PortalAccessInput.PortalIdentifier), IdentifierRules));

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null) return Result<int>.From(Result.NotFound("That customer was not found."));
        if (await IdentifierTakenAsync(db, identifier, customerId, ct))
            return Result<int>.From(IdentifierTaken(identifier));

        var modules = input.ModuleOverrides is { } m ? m & PortalModules.All : (PortalModules?)null;
        var changes = new List<string>();
        if (customer.PortalEnabled != input.PortalEnabled) changes.Add(input.PortalEnabled ? "portal turned on" : "portal turned off");
        if (customer.PortalIdentifier != identifier) changes.Add($"identifier {Show(customer.PortalIdentifier)} -> {identifier}");
        if (customer.ModuleOverrides != modules) changes.Add($"modules {DescribeModules(customer.ModuleOverrides)} -> {DescribeModules(modules)}");
        if (changes.Count == 0) return customer.Version;

        db.Entry(customer).Property(c => c.Version).OriginalValue = input.Version;
        if (input.PortalEnabled) customer.OpenPortal();
        else customer.ClosePortal();
        var renamed = customer.ChangePortalIdentifier(identifier);
        if (!renamed.Succeeded) return Result<int>.From(renamed);
        customer.ChangeModules(modules);
        customer.MarkEdited(clock.GetUtcNow().UtcDateTime);
        audit.Add(db, actor, AuditActions.CustomerChanged, nameof(Customer), customerId.ToString(), customerId,
            "Customer portal: " + string.Join("; ", changes));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<int>.From(Result.Conflict(ConflictMessage));
        }
        catch (DbUpdateException)
        {
            // Another customer took the identifier between the check and the save (the unique index refused it).
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            if (await IdentifierTakenAsync(fresh, identifier, customerId, ct)) return Result<int>.From(IdentifierTaken(identifier));
            throw;
        }

        await live.PublishAsync(new CustomerChanged(customerId), ct);
        return customer.Version;
    }

    /// <summary>Customers matching the text as every customer picker matches (<see cref="CustomerSearch.Matching"/>), with their portal identifier (for deep links).</summary>
    public async Task<IReadOnlyList<CustomerPortalChoice>> FindCustomersAsync(Actor actor, string? text, CancellationToken ct)
    {
        if (!actor.IsStaff || !access.Can(actor, Operation.ManagePortalUsers)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customers = db.Customers.AsNoTracking().Where(c => !c.IsArchived).Matching(text);
        return await customers.OrderBy(c => c.DisplayName).Take(20)
            .Select(c => new CustomerPortalChoice(c.Id, c.DisplayName, c.PortalIdentifier, c.PortalEnabled)).ToListAsync(ct);
    }

    /// <summary>Checks a staff member may view this customer's portal and records that they did.</summary>
    public async Task<Result<string>> StartViewAsAsync(Actor actor, int customerId, string ipAddress, CancellationToken ct)
    {
        if (!actor.IsStaff || !access.CanReachCustomer(actor, Operation.ViewAsCustomer, customerId))
            return Result<string>.From(Result.Forbidden());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await db.Customers.Where(c => c.Id == customerId).Select(c => c.DisplayName).SingleOrDefaultAsync(ct);
        if (name is null) return Result<string>.From(Result.NotFound("That customer was not found."));
        audit.Add(db, actor, AuditActions.ViewAsCustomer, nameof(Customer), customerId.ToString(), customerId,
            $"{actor.Name} opened {name}'s portal as staff (read-only).", ipAddress);
        await db.SaveChangesAsync(ct);
        return name;
    }

    public Task EndViewAsAsync(Actor staff, int customerId, string ipAddress, CancellationToken ct) =>
        audit.WriteAsync(staff, AuditActions.ViewAsCustomerEnded, nameof(Customer), customerId.ToString(), customerId,
            $"{staff.Name} left the customer's portal view.", ipAddress, ct);

    private static Task<bool> IdentifierTakenAsync(PortalDbContext db, string identifier, int customerId, CancellationToken ct) =>
        db.Customers.AnyAsync(c => c.PortalIdentifier == identifier && c.Id != customerId, ct);

    private static Result IdentifierTaken(string identifier) =>
        Result.Invalid(nameof(PortalAccessInput.PortalIdentifier), $"The portal identifier \"{identifier}\" is already used by another customer. Choose another.");

    private static string Show(string value) => value.Length == 0 ? "(none)" : value;

    internal static string DescribeModules(PortalModules? modules) => modules switch
    {
        null => "company defaults",
        PortalModules.None => "none",
        { } m => string.Join(", ", PortalModuleVisibility.Each(m)),
    };
}
