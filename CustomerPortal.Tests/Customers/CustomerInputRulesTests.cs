using CustomerPortal.Core.Customers;

namespace CustomerPortal.Tests.Customers;

public sealed class CustomerInputRulesTests
{
    [Theory]
    [InlineData("pat@example.com", true)]
    [InlineData("pat.o'neil+work@mail.example.co.uk", true)]
    [InlineData("pat@example", false)]
    [InlineData("pat example.com", false)]
    [InlineData("@example.com", false)]
    [InlineData("pat@@example.com", false)]
    public void IsValidEmail(string email, bool expected) => Assert.Equal(expected, CustomerInputRules.IsValidEmail(email));

    [Theory]
    [InlineData("555-0100", true)]
    [InlineData("(555) 010-0100", true)]
    [InlineData("+44 20 7946 0958", true)]
    [InlineData("555.010.0100 ext. 12", true)]
    [InlineData("555 010 0100 x9", true)]
    [InlineData("12345", false)]
    [InlineData("call me maybe", false)]
    [InlineData("1234567890123456", false)]
    public void IsValidPhone(string phone, bool expected) => Assert.Equal(expected, CustomerInputRules.IsValidPhone(phone));

    [Fact]
    public void Validate_CompanyWithoutPersonName_IsFine() =>
        Assert.Empty(CustomerInputRules.Validate(new CustomerInput { CompanyName = "Oak Plumbing" }));

    [Fact]
    public void Validate_BlankEmailAndPhone_AreAllowed() =>
        Assert.Empty(CustomerInputRules.Validate(new CustomerInput { LastName = "Reyes", Email = " ", Phone = "" }));

    [Fact]
    public void Validate_ContactWithOnlyAPhone_IsFine()
    {
        var input = new CustomerInput { FirstName = "Pat" };
        input.Contacts.Add(new ContactInput { Phone = "555-010-0100" });
        Assert.Empty(CustomerInputRules.Validate(input));
    }

    [Fact]
    public void Validate_KeysErrorsByFieldPath()
    {
        var input = new CustomerInput { FirstName = "Pat", InternalNotes = new string('n', 8001) };
        input.Contacts.Add(new ContactInput { Name = "Ok" });
        input.Contacts.Add(new ContactInput { Name = "Bad", Email = "bad@" });

        var errors = CustomerInputRules.Validate(input);

        Assert.Equal(["Contacts[1].Email", "InternalNotes"], errors.Keys.Order());
        Assert.Equal("Internal notes can be at most 8000 characters.", errors["InternalNotes"]);
    }
}
