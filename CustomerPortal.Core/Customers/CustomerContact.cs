namespace CustomerPortal.Core.Customers;

/// <summary>Another person or number at a customer: a spouse, a site manager, an accounts e-mail.</summary>
public sealed class CustomerContact
{
    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";

    /// <summary>What this contact is for, e.g. "Billing" or "Site manager".</summary>
    public string Role { get; set; } = "";
}
