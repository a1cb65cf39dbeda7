using CustomerPortal.Core.Customers;

namespace CustomerPortal.Tests.Customers;

public sealed class CustomerSearchTests
{
    [Theory]
    [InlineData("Müller", "muller")]
    [InlineData("  José   GARCÍA ", "jose garcia")]
    [InlineData("Ørsted", "ørsted")]
    public void Fold_LowersCaseDropsAccentsAndCollapsesSpaces(string text, string expected) =>
        Assert.Equal(expected, CustomerSearch.Fold(text));

    [Theory]
    [InlineData("smith", new[] { "smith" })]
    [InlineData("  Smith   Oak ", new[] { "smith", "oak" })]
    [InlineData("(555) 010-0100", new[] { "5550100100" })]
    [InlineData("pat 555-0100", new[] { "pat", "5550100" })]
    [InlineData("a@b.test", new[] { "a@b.test" })]
    [InlineData("12", new[] { "12" })]
    [InlineData("   ", new string[0])]
    public void Terms_SplitsWordsAndReducesPhoneNumbersToDigits(string query, string[] expected) =>
        Assert.Equal(expected, CustomerSearch.Terms(query));

    [Fact]
    public void Terms_KeepsAtMostFiveWords() =>
        Assert.Equal(5, CustomerSearch.Terms("a b c d e f g").Count);

    [Fact]
    public void TextFor_HoldsNamesCompanyEmailPhoneAndPhoneDigits() =>
        Assert.Equal("zoe o'neil o'neil & sons zoe@example.test 5550100100",
            CustomerSearch.TextFor("Zoë", "O'Neil", "O'Neil & Sons", "Zoe@Example.test", "(555) 010-0100"));

    [Fact]
    public void Customer_RefreshesSearchTextWithDisplayName()
    {
        var customer = new Customer("Ana", "Lima", "", "ana@example.test", "555 0100", DateTime.UtcNow);
        customer.Rename(customer.FirstName, customer.LastName, "Lima Renovações");

        customer.RefreshDisplayName();

        Assert.Equal("Lima Renovações", customer.DisplayName);
        Assert.Contains("lima renovacoes", customer.SearchText);
        Assert.Contains("5550100", customer.SearchText);
    }
}
