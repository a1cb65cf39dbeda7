using CustomerPortal.Core.Access;
using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Customers;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Tests.Support;

/// <summary>Makes customers, staff and portal users through the product's own services, with unique e-mails per call.</summary>
public static class TestAccounts
{
    public const string Password = "Correct-horse-42";

    public static string UniqueEmail(string prefix) => $"{prefix}-{Guid.NewGuid():N}@example.test";

    public static async Task<Customer> CreateCustomerAsync(PortalAppFactory app, string lastName = "Testcustomer")
    {
        await using var db = await app.CreateDbContextAsync();
        var customer = TestRecords.NewCustomer("Pat", lastName, "", UniqueEmail("customer"), DateTime.UtcNow);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    }

    public static async Task<StaffUser> CreateStaffAsync(PortalAppFactory app, StaffRole role = StaffRole.Staff, string? email = null)
    {
        await using var scope = app.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountProvisioning>()
            .CreateStaffAsync("Sam Staff", email ?? UniqueEmail("staff"), Password, role, default);
        return result.Value ?? throw new InvalidOperationException(result.Message);
    }

    public static async Task<PortalUser> CreatePortalUserAsync(PortalAppFactory app, int customerId, string? password = Password, string? email = null)
    {
        await using var scope = app.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountProvisioning>()
            .CreatePortalUserAsync(customerId, email ?? UniqueEmail("portal"), "Pat Portal", PortalLoginMode.Password, password, default);
        return result.Value ?? throw new InvalidOperationException(result.Message);
    }
}
