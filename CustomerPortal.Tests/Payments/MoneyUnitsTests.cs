using CustomerPortal.Core.Payments;

namespace CustomerPortal.Tests.Payments;

public sealed class MoneyUnitsTests
{
    [Theory]
    [InlineData("USD", 12.34, 1234)]
    [InlineData("usd", 0.01, 1)]
    [InlineData("USD", 1000, 100000)]
    [InlineData("EUR", 99.9, 9990)]
    [InlineData("JPY", 1500, 1500)]
    [InlineData("KRW", 1, 1)]
    [InlineData("KWD", 12.345, 12345)]
    [InlineData("BHD", 0.001, 1)]
    [InlineData("KWD", 5, 5000)]
    [InlineData("USD", 0, 0)]
    public void ToMinorUnits_ConvertsByTheCurrencysDecimals(string currency, decimal amount, long expected)
    {
        Assert.Equal(expected, MoneyUnits.ToMinorUnits(amount, currency));
        Assert.Equal(amount, MoneyUnits.FromMinorUnits(expected, currency));
    }

    [Theory]
    [InlineData("USD", 12.345)]
    [InlineData("USD", 0.001)]
    [InlineData("JPY", 100.5)]
    [InlineData("JPY", 0.01)]
    [InlineData("KWD", 1.0001)]
    [InlineData("USD", -1)]
    public void ToMinorUnits_MoreDecimalsThanTheCurrencyHasOrNegative_IsRefusedNotRounded(string currency, decimal amount)
    {
        Assert.False(MoneyUnits.TryToMinorUnits(amount, currency, out _));
        Assert.False(MoneyUnits.IsExact(amount, currency));
        Assert.Throws<ArgumentOutOfRangeException>(() => MoneyUnits.ToMinorUnits(amount, currency));
    }

    [Theory]
    [InlineData("USD", 2)]
    [InlineData("GBP", 2)]
    [InlineData("JPY", 0)]
    [InlineData("VND", 0)]
    [InlineData("KWD", 3)]
    [InlineData("TND", 3)]
    public void DecimalsOf_KnowsZeroAndThreeDecimalCurrencies(string currency, int expected) =>
        Assert.Equal(expected, MoneyUnits.DecimalsOf(currency));

    [Theory]
    [InlineData("")]
    [InlineData("US")]
    [InlineData("U$D")]
    public void DecimalsOf_NotACurrencyCode_Throws(string currency) =>
        Assert.Throws<ArgumentException>(() => MoneyUnits.DecimalsOf(currency));

    [Theory]
    [InlineData("USD")]
    [InlineData("JPY")]
    [InlineData("KWD")]
    public void RoundTrip_RandomAmounts_ComeBackExactly(string currency)
    {
        var random = new Random(20261203);
        var decimals = MoneyUnits.DecimalsOf(currency);
        for (var i = 0; i < 5_000; i++)
        {
            var minor = random.NextInt64(0, 10_000_000_000);
            var amount = MoneyUnits.FromMinorUnits(minor, currency);
            Assert.Equal(minor, MoneyUnits.ToMinorUnits(amount, currency));
            Assert.True(decimal.Round(amount, decimals) == amount, $"{amount} {currency}");

            // One more decimal than the currency has, unless it is zero, is always refused.
            var finer = amount + (random.Next(1, 10) / (decimal)Math.Pow(10, decimals + 1));
            Assert.False(MoneyUnits.TryToMinorUnits(finer, currency, out _), $"{finer} {currency}");
        }
    }
}
