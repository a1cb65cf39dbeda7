using CustomerPortal.Core.Company;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Templates.MergeTags;
using static CustomerPortal.Core.Templates.MergeTags.MergeTagCatalog;

namespace CustomerPortal.Core.Templates;

/// <summary>The fields every message has: the company, the customer, the person it goes to, the portal's general links.</summary>
public static class NotificationValues
{
    /// <param name="links">The recipient's links: <see cref="Accounts.DeepLinks.For"/> for a portal user, else <see cref="RecipientLinks.Plain"/>.</param>
    public static MergeValues For(CompanySettings company, RecipientLinks links, CustomerNames? customer = null, string? contactName = null)
    {
        var values = new MergeValues(links)
            .Set(CompanyName, company.Name)
            .Set(CompanyPhone, company.Phone)
            .Set(CompanyEmail, company.Email)
            .SetLink(PortalLink, PortalPaths.Home)
            .Set(PasswordPortalLink, links.Portal.Login)
            .SetLink(AddCardLink, PortalPaths.AddCard)
            .SetLink(ReviewPage, PortalPaths.RateUs)
            .Set(WorkRequestForm, links.Portal.Absolute(PortalPaths.PublicRequestForm));
        if (customer is not null)
        {
            values.Set(CustomerName, customer.DisplayName).Set(CustomerFirstName, customer.FirstName).Set(CustomerLastName, customer.LastName);
        }
        if (!string.IsNullOrWhiteSpace(contactName))
        {
            var name = contactName.Trim();
            values.Set(ContactName, name).Set(ContactFirstName, name.Split(' ', 2)[0]);
        }
        return values;
    }
}

/// <summary>A customer's names as templates use them.</summary>
public sealed record CustomerNames(string DisplayName, string FirstName, string LastName);
