using System.Text.RegularExpressions;
using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Customers;

/// <summary>A client of the business: a household or a company, with its people, places and portal settings.</summary>
public sealed partial class Customer : IVersioned
{
    public int Id { get; private set; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string CompanyName { get; set; } = "";

    /// <summary>The name shown in lists: the company when there is one, otherwise the person. Stored so it can be searched and sorted in SQL.</summary>
    public string DisplayName { get; private set; } = "";

    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";

    /// <summary>Folded names, company, e-mail and phone that the staff customer list searches (see <see cref="CustomerSearch"/>).</summary>
    public string SearchText { get; private set; } = "";

    /// <summary>Never shown to a customer.</summary>
    public string InternalNotes { get; set; } = "";

    public bool EmailNotifications { get; set; } = true;
    public bool SmsNotifications { get; set; }
    public bool MarketingOptIn { get; set; }

    public bool PortalEnabled { get; set; } = true;

    /// <summary>Unique URL slug of this customer's portal, e.g. /portal/c/smith-family.</summary>
    public string PortalIdentifier { get; set; } = "";

    /// <summary>Modules this customer sees instead of the company defaults; null means the defaults.</summary>
    public PortalModules? ModuleOverrides { get; set; }

    public bool IsArchived { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; set; }
    public int Version { get; set; }

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

    /// <summary>Recomputes the stored list fields (display name and search text); the DbContext calls it before each save.</summary>
    public void RefreshDisplayName()
    {
        DisplayName = !string.IsNullOrWhiteSpace(CompanyName) ? CompanyName.Trim() : $"{FirstName} {LastName}".Trim();
        SearchText = CustomerSearch.TextFor(FirstName, LastName, CompanyName, Email, Phone);
    }

    public void Archive() => IsArchived = true;
    public void Restore() => IsArchived = false;

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
