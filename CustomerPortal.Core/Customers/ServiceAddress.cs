using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Customers;

/// <summary>A place where the business works for this customer.</summary>
public sealed class ServiceAddress
{
    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public string Label { get; private set; } = "";
    public Address Address { get; private set; } = Address.Empty;

    /// <summary>Set through <see cref="Customer.MakePrimary"/>, so a customer has one primary address.</summary>
    public bool IsPrimary { get; private set; }
    public string AccessNotes { get; private set; } = "";

    private ServiceAddress() { }

    internal ServiceAddress(string label, Address address, string accessNotes) => Update(label, address, accessNotes);

    public void Update(string label, Address address, string accessNotes)
    {
        Label = label.Trim();
        Address = new Address(address.Line1.Trim(), address.Line2.Trim(), address.City.Trim(), address.Region.Trim(), address.PostalCode.Trim());
        AccessNotes = accessNotes.Trim();
    }

    internal void SetPrimary(bool primary) => IsPrimary = primary;
}
