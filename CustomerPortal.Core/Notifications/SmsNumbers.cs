using PhoneNumbers;

namespace CustomerPortal.Core.Notifications;

/// <summary>Phone numbers as SMS providers take them (E.164, "+15550102030"), from however staff typed them.</summary>
public static class SmsNumbers
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>The number in E.164 form, or null when it is not a number a text message can go to.</summary>
    public static string? ToE164(string? phone, string defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        try
        {
            var parsed = Phones.Parse(phone, defaultRegion);
            if (!Phones.IsValidNumber(parsed)) return null;
            var type = Phones.GetNumberType(parsed);
            if (type is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE)) return null;
            return Phones.Format(parsed, PhoneNumberFormat.E164);
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
