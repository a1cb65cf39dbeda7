using System.Text.RegularExpressions;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Customers;

/// <summary>A client of the business: a household or a company, with its people, places and portal settings.</summary>
public sealed partial class Customer : IVersioned
{
    public int Id { get; private set; }
    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    public string CompanyName { get; private set; } = "";

    /// <summary>The name shown in lists: the company when there is one, otherwise the person. Stored so it can be searched and sorted in SQL.</summary>
    public string DisplayName { get; private set; } = "";

    public string Email { get; private set; } = "";
    public string Phone { get; private set; } = "";

    /// <summary>Folded names, company, e-mail and phone that the staff customer list searches (see <see cref="CustomerSearch"/>).</summary>
    public string SearchText { get; private set; } = "";

    /// <summary>Never shown to a customer.</summary>
    public string InternalNotes { get; private set; } = "";

    public bool EmailNotifications { get; private set; } = true;
    public bool SmsNotifications { get; private set; }
    public bool MarketingOptIn { get; private set; }

    public bool PortalEnabled { get; private set; } = true;

    /// <summary>Unique URL slug of this customer's portal, e.g. /portal/c/smith-family.</summary>
    public string PortalIdentifier { get; private set; } = "";

    /// <summary>Modules this customer sees instead of the company defaults; null means the defaults.</summary>
    public PortalModules? ModuleOverrides { get; private set; }

    /// <summary>
    /// Made by the public request page from what a stranger typed: staff check it (a duplicate? spam?) before treating it
    /// as a customer. Its portal stays closed until then.
    /// </summary>
    public bool IsPendingReview { get; private set; }

    public bool IsArchived { get; private set; }

    /// <summary>When the first of its portal users registered; null while none has (portal adoption on the Insights page).</summary>
    public DateTime? PortalJoinedAtUtc { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public int Version { get; private set; }

    int IVersioned.Version { get => Version; set => Version = value; }

    public List<CustomerContact> Contacts { get; private set; } = [];
    public List<ServiceAddress> ServiceAddresses { get; private set; } = [];

    private Customer() { }

    public Customer(string firstName, string lastName, string companyName, string email, string phone, DateTime createdAtUtc)
    {
        FirstName = firstName.Trim();
        LastName = lastName.Trim();
        CompanyName = companyName.Trim();
        Email = email.Trim();
        Phone = phone.Trim();
        CreatedAtUtc = createdAtUtc;
        UpdatedAtUtc = createdAtUtc;
        RefreshDisplayName();
    }

    /// <summary>A customer made by the public request page, waiting for staff to check it.</summary>
    public static Customer FromPublicRequest(string firstName, string lastName, string companyName, string email, string phone, DateTime createdAtUtc) =>
        new(firstName, lastName, companyName, email, phone, createdAtUtc) { IsPendingReview = true, PortalEnabled = false };

    /// <summary>Staff checked a customer made by the public request page and keep it as a real customer.</summary>
    public Result ApproveAfterReview(DateTime nowUtc)
    {
        if (!IsPendingReview) return Result.Conflict("This customer was already reviewed.");
        IsPendingReview = false;
        UpdatedAtUtc = nowUtc;
        return Result.Success();
    }

    /// <summary>Recomputes the stored list fields (display name and search text); the DbContext calls it before each save.</summary>
    public void RefreshDisplayName()
    {
        DisplayName = !string.IsNullOrWhiteSpace(CompanyName) ? CompanyName.Trim() : $"{FirstName} {LastName}".Trim();
        SearchText = CustomerSearch.TextFor(FirstName, LastName, CompanyName, Email, Phone);
    }

    /// <summary>Corrects the person's or company's name.</summary>
    public void Rename(string firstName, string lastName, string companyName)
    {
        FirstName = firstName.Trim();
        LastName = lastName.Trim();
        CompanyName = companyName.Trim();
        RefreshDisplayName();
    }

    public void ChangeContactDetails(string email, string phone)
    {
        Email = email.Trim();
        Phone = phone.Trim();
        RefreshDisplayName();
    }

    public void ChangePreferences(bool emailNotifications, bool smsNotifications, bool marketingOptIn)
    {
        EmailNotifications = emailNotifications;
        SmsNotifications = smsNotifications;
        MarketingOptIn = marketingOptIn;
    }

    /// <summary>The customer asked (through an unsubscribe link) for no more notification e-mails. False when they were already off.</summary>
    public bool UnsubscribeFromEmails()
    {
        if (!EmailNotifications) return false;
        EmailNotifications = false;
        return true;
    }

    /// <summary>The customer asked (through an unsubscribe link) for no more marketing e-mails. False when they had not opted in.</summary>
    public bool OptOutOfMarketing()
    {
        if (!MarketingOptIn) return false;
        MarketingOptIn = false;
        return true;
    }

    public void UpdateInternalNotes(string notes) => InternalNotes = notes.Trim();

    /// <summary>Stamps the time of a staff edit (called once per save that changed something).</summary>
    /// <summary>One of its portal users registered; the earliest registration is kept.</summary>
    public void PortalUserRegistered(DateTime atUtc)
    {
        if (PortalJoinedAtUtc is null || atUtc < PortalJoinedAtUtc) PortalJoinedAtUtc = atUtc;
    }

    public void MarkEdited(DateTime nowUtc) => UpdatedAtUtc = nowUtc;

    public Result Archive(DateTime nowUtc)
    {
        if (IsArchived) return Result.Conflict("This customer is already archived.");
        IsArchived = true;
        UpdatedAtUtc = nowUtc;
        return Result.Success();
    }

    public Result Restore(DateTime nowUtc)
    {
        if (!IsArchived) return Result.Conflict("This customer is not archived.");
        IsArchived = false;
        UpdatedAtUtc = nowUtc;
        return Result.Success();
    }

    /// <summary>Gives the portal its address, e.g. /portal/c/smith-family; refused unless it follows <see cref="IsValidPortalIdentifier"/>.</summary>
    public Result ChangePortalIdentifier(string identifier)
    {
        var value = identifier.Trim();
        if (!IsValidPortalIdentifier(value))
            return Result.Invalid(nameof(PortalIdentifier), "Use 3 to 60 lower-case letters, digits and single dashes, e.g. smith-family.");
        PortalIdentifier = value;
        return Result.Success();
    }

    public void OpenPortal() => PortalEnabled = true;

    public void ClosePortal() => PortalEnabled = false;

    /// <summary>Shows this customer other modules than the company's defaults; null goes back to the defaults.</summary>
    public void ChangeModules(PortalModules? overrides) =>
        ModuleOverrides = overrides is { } modules ? modules & PortalModules.All : null;

    public CustomerContact AddContact(string name, string email, string phone, string role)
    {
        var contact = new CustomerContact(name, email, phone, role);
        Contacts.Add(contact);
        return contact;
    }

    public void RemoveContact(CustomerContact contact) => Contacts.Remove(contact);

    /// <summary>Adds a place of work; the first one becomes the primary address.</summary>
    public ServiceAddress AddServiceAddress(string label, Address address, string accessNotes)
    {
        var serviceAddress = new ServiceAddress(label, address, accessNotes);
        ServiceAddresses.Add(serviceAddress);
        if (ServiceAddresses.Count == 1) serviceAddress.SetPrimary(true);
        return serviceAddress;
    }

    public void RemoveServiceAddress(ServiceAddress address)
    {
        ServiceAddresses.Remove(address);
        if (address.IsPrimary && ServiceAddresses.Count > 0) ServiceAddresses[0].SetPrimary(true);
    }

    /// <summary>Makes one of this customer's addresses the primary one (and no other).</summary>
    public Result MakePrimary(ServiceAddress address)
    {
        if (!ServiceAddresses.Contains(address)) return Result.Invalid("That address is not one of this customer's.");
        foreach (var each in ServiceAddresses) each.SetPrimary(ReferenceEquals(each, address));
        return Result.Success();
    }

    public ServiceAddress? PrimaryAddress =>
        ServiceAddresses.FirstOrDefault(a => a.IsPrimary) ?? ServiceAddresses.FirstOrDefault();

    /// <summary>Lower-case letters, digits and single dashes; 3 to 60 characters.</summary>
    public static bool IsValidPortalIdentifier(string value) =>
        value.Length is >= 3 and <= 60 && PortalIdentifierPattern().IsMatch(value);

    /// <summary>Turns a name into a portal identifier candidate ("O'Brien & Sons" becomes "o-brien-sons").</summary>
    public static string SlugFrom(string text)
    {
        var slug = NonSlugCharacters().Replace(text.ToLowerInvariant(), "-").Trim('-');
        if (slug.Length > 50) slug = slug[..50].Trim('-');
        return slug.Length >= 3 ? slug : $"customer-{slug}".Trim('-');
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex PortalIdentifierPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlugCharacters();
}
