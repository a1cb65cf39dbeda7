using CustomerPortal.Core.Common;
using CustomerPortal.Core.Company;

namespace CustomerPortal.Tests.Company;

public sealed class CompanySettingsTests
{
    [Theory]
    [InlineData("Acme", "#00796b", ResultKind.Success)]
    [InlineData(" ", "#00796B", ResultKind.Invalid)]
    [InlineData("Acme", "teal", ResultKind.Invalid)]
    public void UpdateBranding_NeedsANameAndAHexColour(string name, string colour, ResultKind expected)
    {
        var settings = new CompanySettings();

        var result = settings.UpdateBranding(name, colour);

        Assert.Equal(expected, result.Kind);
        Assert.Equal(expected == ResultKind.Success ? "#00796B" : "#1565C0", settings.AccentColor);
    }

    [Theory]
    [InlineData(30, 30, 8.25, ResultKind.Success)]
    [InlineData(-1, 30, 0, ResultKind.Invalid)]
    [InlineData(30, 0, 0, ResultKind.Invalid)]
    [InlineData(30, 30, 100.5, ResultKind.Invalid)]
    [InlineData(30, 30, 1.23456, ResultKind.Invalid)]
    public void ChangeDocumentDefaults_KeepsDaysAndTaxInRange(int dueDays, int validDays, decimal tax, ResultKind expected)
    {
        var settings = new CompanySettings();

        Assert.Equal(expected, settings.ChangeDocumentDefaults(dueDays, validDays, tax).Kind);
    }

    [Theory]
    [InlineData("", 4, ResultKind.Success)]
    [InlineData("https://reviews.example/acme", 5, ResultKind.Success)]
    [InlineData("javascript:alert(1)", 4, ResultKind.Invalid)]
    [InlineData("", 0, ResultKind.Invalid)]
    [InlineData("", 6, ResultKind.Invalid)]
    public void ChangeReviewSettings_NeedsAWebAddressAndAStarRating(string url, int threshold, ResultKind expected)
    {
        Assert.Equal(expected, new CompanySettings().ChangeReviewSettings(url, threshold).Kind);
    }
}
