using CustomerPortal.Core.Access;
using CustomerPortal.Core.Common;
using CustomerPortal.Core.Customers;

namespace CustomerPortal.Tests.Customers;

public sealed class CustomerTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 15, 0, 0, DateTimeKind.Utc);

    private static Customer NewCustomer() => new("Pat", "Smith", "", "pat@example.test", "555-0100", Now);

    [Theory]
    [InlineData("smith-family", ResultKind.Success)]
    [InlineData("  smith-family  ", ResultKind.Success)]
    [InlineData("Smith", ResultKind.Invalid)]
    [InlineData("ab", ResultKind.Invalid)]
    [InlineData("smith--family", ResultKind.Invalid)]
    [InlineData("-smith", ResultKind.Invalid)]
    public void ChangePortalIdentifier_FollowsTheRules(string identifier, ResultKind expected)
    {
        var customer = NewCustomer();

        var result = customer.ChangePortalIdentifier(identifier);

        Assert.Equal(expected, result.Kind);
        Assert.Equal(expected == ResultKind.Success ? "smith-family" : "", customer.PortalIdentifier);
    }

    [Fact]
    public void Archive_Twice_IsAConflict()
    {
        var customer = NewCustomer();

        Assert.True(customer.Archive(Now.AddDays(1)).Succeeded);
        Assert.Equal(ResultKind.Conflict, customer.Archive(Now.AddDays(2)).Kind);
        Assert.Equal(Now.AddDays(1), customer.UpdatedAtUtc);
        Assert.True(customer.Restore(Now.AddDays(3)).Succeeded);
        Assert.Equal(ResultKind.Conflict, customer.Restore(Now.AddDays(4)).Kind);
    }

    [Fact]
    public void Rename_RefreshesDisplayNameAndSearchText()
    {
        var customer = NewCustomer();

        customer.Rename(" Pat ", "Smith", " Müller GmbH ");

        Assert.Equal("Müller GmbH", customer.DisplayName);
        Assert.Contains("muller gmbh", customer.SearchText);
    }

    [Fact]
    public void ServiceAddresses_FirstIsPrimaryAndMakePrimaryKeepsOne()
    {
        var customer = NewCustomer();
        var home = customer.AddServiceAddress("Home", new Address("1 Main", "", "Town", "", ""), "");
        var cabin = customer.AddServiceAddress("Cabin", new Address("2 Lake", "", "Town", "", ""), "");

        Assert.True(home.IsPrimary);
        Assert.False(cabin.IsPrimary);

        customer.MakePrimary(cabin);
        Assert.Equal([false, true], customer.ServiceAddresses.Select(a => a.IsPrimary));

        customer.RemoveServiceAddress(cabin);
        Assert.True(home.IsPrimary);
    }

    [Fact]
    public void ChangeModules_DropsBitsOutsideTheEnumAndNullMeansDefaults()
    {
        var customer = NewCustomer();

        customer.ChangeModules((PortalModules)(-1));
        Assert.Equal(PortalModules.All, customer.ModuleOverrides);

        customer.ChangeModules(null);
        Assert.Null(customer.ModuleOverrides);
    }
}
