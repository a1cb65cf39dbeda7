using CustomerPortal.Core.Documents;

namespace CustomerPortal.Tests.Documents;

public sealed class MoneyFormatTests
{
    [Theory]
    [InlineData("USD", "1234.5", "$1,234.50")]
    [InlineData("usd", "-20", "-$20.00")]
    [InlineData("GBP", "1234.5", "£1,234.50")]
    [InlineData("EUR", "1234.5", "€1,234.50")]
    [InlineData("CAD", "0.125", "$0.13")]
    [InlineData("JPY", "1500", "JPY 1,500.00")]
    [InlineData("XYZ", "1234.5", "XYZ 1,234.50")]
    [InlineData("", "3", "3.00")]
    public void Format_WritesTheAmountTheWayItsCurrencyDoes(string currency, string amount, string expected)
    {
        Assert.Equal(expected, MoneyFormat.Format(DocumentTotalsTests.D(amount), currency));
    }
}
