using CustomerPortal.Core.Company;
using CustomerPortal.Core.Documents;
using CustomerPortal.Core.Templates.MergeTags;
using static CustomerPortal.Core.Templates.MergeTags.MergeTagCatalog;

namespace CustomerPortal.Core.Templates;

/// <summary>The fields every message has: the company, the customer, the person it goes to, the portal's general links.</summary>
public static class NotificationValues
{
    public static MergeValues For(CompanySettings company, PortalLinks links, CustomerNames? customer = null, string? contactName = null)
    {
        var values = new MergeValues()
            .Set(CompanyName, company.Name)
            .Set(CompanyPhone, company.Phone)
            .Set(CompanyEmail, company.Email)
            .Set(PortalLink, links.Absolute("/portal"))
            .Set(PasswordPortalLink, links.Login)
            .Set(AddCardLink, links.Absolute("/portal/profile"))
            .Set(ReviewPage, links.Absolute("/portal/rate-us"))
            .Set(WorkRequestForm, links.Absolute("/portal/requests"));
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
