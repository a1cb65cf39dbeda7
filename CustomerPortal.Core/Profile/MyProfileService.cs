using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Audit;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Customers;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core.Profile;

/// <summary>The "Your details" form: the customer's name and main contact details, and the signed-in person's own name and phone.</summary>
public sealed class ProfileDetailsInput
{
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string CompanyName { get; set; } = "";
    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";
    public string YourName { get; set; } = "";
    public string YourPhone { get; set; } = "";
}

/// <summary>The "Notifications" form.</summary>
public sealed class ProfilePreferencesInput
{
    public bool EmailNotifications { get; set; }
    public bool SmsNotifications { get; set; }
    public bool MarketingOptIn { get; set; }
}

/// <summary>What My profile shows. <see cref="MayEdit"/> is false for a locked user or staff viewing as the customer.</summary>
public sealed record MyProfile(
    ProfileDetailsInput Details,
    IReadOnlyList<ServiceAddressInput> Addresses,
    ProfilePreferencesInput Preferences,
    string SignInEmail,
    PortalLoginMode LoginMode,
    bool MayEdit);

/// <summary>
/// A portal user keeps their customer's details right (My profile). The same form rules and methods as the staff edit
/// (<see cref="CustomerInputRules"/>, <see cref="CustomerService"/>) apply; each change is audited as the portal user
/// and published as <see cref="CustomerChanged"/>, so an open staff profile shows it at once. Internal notes and
/// contacts are never read out or touched here.
/// </summary>
public sealed class MyProfileService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessRules access,
    AuditLog audit,
    ILiveEventPublisher live,
    TimeProvider clock)
{
    public const string LastAddressMessage = "Keep at least one service address: we need to know where to work. Add the new one first.";
    public const string ChangedElsewhereMessage = "Your details were changed elsewhere while you were editing; reload the page to see them. Nothing was saved.";

    public async Task<Result<MyProfile>> GetAsync(Actor actor, CancellationToken ct)
    {
        if (!MayOpen(actor)) return Result<MyProfile>.From(Result.NotFound());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking().Include(c => c.ServiceAddresses.OrderBy(a => a.Id))
            .SingleOrDefaultAsync(c => c.Id == actor.CustomerId, ct);
        if (customer is null) return Result<MyProfile>.From(Result.NotFound());
        var user = actor.PortalUserId is { } id ? await db.PortalUsers.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) : null;
        var input = CustomerService.ToInput(customer);
        return new MyProfile(
            new ProfileDetailsInput
            {
                FirstName = input.FirstName, LastName = input.LastName, CompanyName = input.CompanyName, Email = input.Email, Phone = input.Phone,
                YourName = user?.Name ?? "", YourPhone = user?.Phone ?? "",
            },
            input.ServiceAddresses,
            new ProfilePreferencesInput { EmailNotifications = input.EmailNotifications, SmsNotifications = input.SmsNotifications, MarketingOptIn = input.MarketingOptIn },
            user?.Email ?? "",
            user?.LoginMode ?? PortalLoginMode.LinkOnly,
            access.Can(actor, Operation.EditOwnProfile));
    }

    /// <summary>Saves "Your details": the customer's name, main e-mail and phone, and the person's own name and phone.</summary>
    public async Task<Result> SaveDetailsAsync(Actor actor, ProfileDetailsInput details, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(details.YourName)) errors[nameof(ProfileDetailsInput.YourName)] = "Enter your name.";
        else if (details.YourName.Trim().Length > 200) errors[nameof(ProfileDetailsInput.YourName)] = "Your name can be at most 200 characters.";
        if (!string.IsNullOrWhiteSpace(details.YourPhone) && !CustomerInputRules.IsValidPhone(details.YourPhone.Trim()))
            errors[nameof(ProfileDetailsInput.YourPhone)] = CustomerInputRules.PhoneInvalid;

        return await EditAsync(actor, (input, _, user) =>
        {
            input.FirstName = details.FirstName;
            input.LastName = details.LastName;
            input.CompanyName = details.CompanyName;
            input.Email = details.Email;
            input.Phone = details.Phone;
            var personChanged = user.Name != details.YourName.Trim() || user.Phone != details.YourPhone.Trim();
            user.Rename(details.YourName);
            user.ChangePhone(details.YourPhone);
            return personChanged ? "your name and phone" : null;
        }, errors, key => key, ct);
    }

    /// <summary>Adds a service address (<see cref="ServiceAddressInput.Id"/> null) or changes one of the customer's own.</summary>
    public Task<Result> SaveAddressAsync(Actor actor, ServiceAddressInput address, CancellationToken ct)
    {
        var index = -1;
        return EditAsync(actor, (input, customer, _) =>
        {
            if (address.Id is { } id)
            {
                index = input.ServiceAddresses.FindIndex(a => a.Id == id);
                if (index < 0) return Missing;
                var kept = input.ServiceAddresses[index];
                address.IsPrimary = kept.IsPrimary;
                input.ServiceAddresses[index] = address;
            }
            else
            {
                address.IsPrimary = input.ServiceAddresses.Count == 0;
                input.ServiceAddresses.Add(address);
                index = input.ServiceAddresses.Count - 1;
            }
            return null;
        }, [], key => key.StartsWith($"{nameof(CustomerInput.ServiceAddresses)}[{index}].", StringComparison.Ordinal) ? key[(key.IndexOf('.') + 1)..] : key, ct);
    }

    /// <summary>Removes one of the customer's service addresses; the last one stays (see <see cref="LastAddressMessage"/>).</summary>
    public Task<Result> RemoveAddressAsync(Actor actor, int addressId, CancellationToken ct) =>
        EditAsync(actor, (input, _, _) =>
        {
            var index = input.ServiceAddresses.FindIndex(a => a.Id == addressId);
            if (index < 0) return Missing;
            if (input.ServiceAddresses.Count == 1) return LastAddress;
            var wasPrimary = input.ServiceAddresses[index].IsPrimary;
            input.ServiceAddresses.RemoveAt(index);
            if (wasPrimary) input.ServiceAddresses[0].IsPrimary = true;
            return null;
        }, [], key => key, ct);

    /// <summary>Makes one of the customer's service addresses the primary one.</summary>
    public Task<Result> MakePrimaryAsync(Actor actor, int addressId, CancellationToken ct) =>
        EditAsync(actor, (input, _, _) =>
        {
            if (input.ServiceAddresses.All(a => a.Id != addressId)) return Missing;
            foreach (var each in input.ServiceAddresses) each.IsPrimary = each.Id == addressId;
            return null;
        }, [], key => key, ct);

    /// <summary>Saves the customer's e-mail and SMS notification choices and the marketing opt-in.</summary>
    public Task<Result> SavePreferencesAsync(Actor actor, ProfilePreferencesInput preferences, CancellationToken ct) =>
        EditAsync(actor, (input, _, _) =>
        {
            input.EmailNotifications = preferences.EmailNotifications;
            input.SmsNotifications = preferences.SmsNotifications;
            input.MarketingOptIn = preferences.MarketingOptIn;
            return null;
        }, [], key => key, ct);

    private const string Missing = "\u0000missing";
    private const string LastAddress = "\u0000last";

    /// <summary>
    /// Loads the customer as the staff form would, lets <paramref name="edit"/> change the form (it may also change the
    /// portal user and returns what it changed of them, or one of the refusal markers), checks the form with the staff
    /// rules, and saves everything with one audit entry per record in one save.
    /// </summary>
    private async Task<Result> EditAsync(Actor actor, Func<CustomerInput, Customer, PortalUser, string?> edit, Dictionary<string, string> errors,
        Func<string, string> errorKey, CancellationToken ct)
    {
        if (!actor.IsCustomer || actor.CustomerId is not { } customerId || actor.PortalUserId is not { } portalUserId
            || !access.CanReachCustomer(actor, Operation.EditOwnProfile, customerId))
            return Result.Forbidden(actor.IsViewAsCustomer
                ? "You are viewing this portal as the customer: nothing can be changed here."
                : "Your details cannot be changed from this account. Please contact us.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Customers.Include(c => c.Contacts).Include(c => c.ServiceAddresses).AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == customerId, ct);
        var user = await db.PortalUsers.SingleOrDefaultAsync(p => p.Id == portalUserId && p.CustomerId == customerId, ct);
        if (customer is null || user is null) return Result.NotFound();

        var input = CustomerService.ToInput(customer);
        var personChange = edit(input, customer, user);
        if (personChange == Missing) return Result.NotFound("That address was not found.");
        if (personChange == LastAddress) return Result.Conflict(LastAddressMessage);

        foreach (var (key, message) in CustomerInputRules.Validate(input)) errors.TryAdd(errorKey(key), message);
        if (errors.Count > 0) return Result.Invalid(CustomerService.CheckFieldsMessage, errors);

        CustomerService.Apply(db, customer, input);
        var changes = CustomerService.DescribeChanges(db, customer);
        var now = clock.GetUtcNow().UtcDateTime;
        if (changes.Count > 0)
        {
            customer.MarkEdited(now);
            audit.Add(db, actor, AuditActions.CustomerChanged, nameof(Customer), customerId.ToString(), customerId,
                $"Changed {string.Join(", ", changes)} in My profile.");
        }
        if (personChange is not null)
            audit.Add(db, actor, AuditActions.PortalUserChanged, nameof(PortalUser), portalUserId.ToString(), customerId,
                $"Changed {personChange} in My profile.");
        if (changes.Count == 0 && personChange is null) return Result.Success("Nothing to save: no changes.");

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(ChangedElsewhereMessage);
        }
        if (changes.Count > 0) await live.PublishAsync(new CustomerChanged(customerId), ct);
        if (personChange is not null) await live.PublishAsync(new PortalUsersChanged(customerId, portalUserId), ct);
        return Result.Success("Saved.");
    }

    private static bool MayOpen(Actor actor) =>
        actor.IsCustomer && actor.CustomerId is not null && actor.Modules.HasFlag(PortalModules.Profile);
}

public static class ProfileServiceCollectionExtensions
{
    /// <summary>My profile: a portal user's own details, addresses, preferences, password and sign-in e-mail.</summary>
    public static IServiceCollection AddProfile(this IServiceCollection services)
    {
        services.AddSingleton<MyProfileService>();
        services.AddSingleton<ProfileSignInService>();
        return services;
    }
}
