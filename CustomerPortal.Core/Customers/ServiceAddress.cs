using CustomerPortal.Core.Common;

namespace CustomerPortal.Core.Customers;

/// <summary>A place where the business works for this customer.</summary>
public sealed class ServiceAddress
{
    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public string Label { get; set; } = "";
    public Address Address { get; set; } = Address.Empty;
    public bool IsPrimary { get; set; }
    public string AccessNotes { get; set; } = "";
}
