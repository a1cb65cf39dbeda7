using System.ComponentModel.DataAnnotations;
using CustomerPortal.Core.Outbox;

namespace CustomerPortal.Tests.Outbox;

public sealed class DeliveryOptionsTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(5, 480)]
    [InlineData(8, 3600)]
    [InlineData(40, 3600)]
    public void RetryDelayAfter_DoublesFromTheFirstDelayUpToTheCap(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), new DeliveryOptions().RetryDelayAfter(attempts));

    [Fact]
    public void Validate_Defaults_AreValidAndSendNothing()
    {
        var options = new DeliveryOptions();

        Assert.Empty(Errors(options));
        Assert.False(options.Sends(Core.Templates.MessageChannel.Email));
        Assert.False(options.Sends(Core.Templates.MessageChannel.Sms));
    }

    [Fact]
    public void Validate_ProvidersWithoutTheirKeys_NameWhatIsMissing()
    {
        var options = new DeliveryOptions { EmailProvider = EmailProvider.SendGrid, SmsProvider = SmsProvider.Rest, LeaseSeconds = 10, SendTimeoutSeconds = 10 };

        var errors = Errors(options);

        Assert.Contains(errors, e => e.Contains("Delivery:SendGrid:ApiKey"));
        Assert.Contains(errors, e => e.Contains("Delivery:Sms:AccountSid, Delivery:Sms:AuthToken, Delivery:Sms:FromNumber"));
        Assert.Contains(errors, e => e.Contains("LeaseSeconds must be longer than SendTimeoutSeconds"));
    }

    [Fact]
    public void Validate_SmtpWithoutHost_IsRefused() =>
        Assert.Contains(Errors(new DeliveryOptions { EmailProvider = EmailProvider.Smtp }), e => e.Contains("Delivery:Smtp:Host"));

    private static List<string> Errors(DeliveryOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? "").ToList();
    }
}
