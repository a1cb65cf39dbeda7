namespace CustomerPortal.Core.Customers;

/// <summary>Another person or number at a customer: a spouse, a site manager, an accounts e-mail.</summary>
public sealed class CustomerContact
{
    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public string Phone { get; private set; } = "";

    /// <summary>What this contact is for, e.g. "Billing" or "Site manager".</summary>
    public string Role { get; private set; } = "";

    private CustomerContact() { }

    internal CustomerContact(string name, string email, string phone, string role) => Update(name, email, phone, role);

    public void Update(string name, string email, string phone, string role)
    {
        Name = name.Trim();
        Email = email.Trim();
        Phone = phone.Trim();
        Role = role.Trim();
    }
}
