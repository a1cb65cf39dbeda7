using CustomerPortal.Core.Company;

namespace CustomerPortal.Tests.Company;

public sealed class CompanySettingsRulesTests
{
    private static CompanySettingsInput Valid() => CompanySettingsInput.From(new CompanySettings());

    [Fact]
    public void Validate_Defaults_AreValid() => Assert.Empty(CompanySettingsRules.Validate(Valid()));

    [Theory]
    [InlineData("#1565C0", true)]
    [InlineData("#abcdef", true)]
    [InlineData("1565C0", false)]
    [InlineData("#1565C", false)]
    [InlineData("#1565C0FF", false)]
    [InlineData("#GGGGGG", false)]
    [InlineData("rgb(1,2,3)", false)]
    public void Validate_AccentColour(string colour, bool valid)
    {
        var input = Valid();
        input.AccentColor = colour;

        Assert.Equal(valid, !CompanySettingsRules.Validate(input).ContainsKey(nameof(input.AccentColor)));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(5, true)]
    [InlineData(0, false)]
    [InlineData(6, false)]
    public void Validate_RatingThreshold(int threshold, bool valid)
    {
        var input = Valid();
        input.ReviewRatingThreshold = threshold;

        Assert.Equal(valid, !CompanySettingsRules.Validate(input).ContainsKey(nameof(input.ReviewRatingThreshold)));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("https://g.page/r/acme/review", true)]
    [InlineData("http://reviews.example", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("www.example.com", false)]
    [InlineData("mailto:a@b.c", false)]
    public void Validate_PublicReviewUrl(string url, bool valid)
    {
        var input = Valid();
        input.PublicReviewUrl = url;

        Assert.Equal(valid, !CompanySettingsRules.Validate(input).ContainsKey(nameof(input.PublicReviewUrl)));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(8.875, true)]
    [InlineData(100, true)]
    [InlineData(-1, false)]
    [InlineData(100.5, false)]
    [InlineData(1.23456, false)]
    public void Validate_TaxRate(double rate, bool valid)
    {
        var input = Valid();
        input.DefaultTaxRatePercent = (decimal)rate;

        Assert.Equal(valid, !CompanySettingsRules.Validate(input).ContainsKey(nameof(input.DefaultTaxRatePercent)));
    }

    [Fact]
    public void CurrencyCodes_AreThreeUpperCaseLettersWithoutDuplicates()
    {
        Assert.Contains("USD", CompanySettingsRules.CurrencyCodes);
        Assert.Contains("EUR", CompanySettingsRules.CurrencyCodes);
        Assert.All(CompanySettingsRules.CurrencyCodes, c => Assert.Matches("^[A-Z]{3}$", c));
        Assert.Equal(CompanySettingsRules.CurrencyCodes.Count, CompanySettingsRules.CurrencyCodes.Distinct().Count());
    }

    [Fact]
    public void Validate_UnknownTimeZone_IsRefused()
    {
        var input = Valid();
        input.TimeZoneId = "Nowhere/Special";

        Assert.True(CompanySettingsRules.Validate(input).ContainsKey(nameof(input.TimeZoneId)));
    }
}
