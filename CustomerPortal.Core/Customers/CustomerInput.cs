using System.Text.RegularExpressions;

namespace CustomerPortal.Core.Customers;

/// <summary>
/// What staff edit on a customer's Details tab. <see cref="Version"/> is the version the form was loaded at; a save
/// with an older version is refused as a conflict.
/// </summary>
public sealed class CustomerInput
{
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string CompanyName { get; set; } = "";
    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";
    public bool EmailNotifications { get; set; } = true;
    public bool SmsNotifications { get; set; }
    public bool MarketingOptIn { get; set; }
    public string InternalNotes { get; set; } = "";
    public List<ContactInput> Contacts { get; set; } = [];
    public List<ServiceAddressInput> ServiceAddresses { get; set; } = [];
    public int Version { get; set; }
}

/// <summary>A contact row of the form; <see cref="Id"/> is null for a row added in this edit.</summary>
public sealed class ContactInput
{
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Role { get; set; } = "";
}

/// <summary>A service address row of the form; <see cref="Id"/> is null for a row added in this edit.</summary>
public sealed class ServiceAddressInput
{
    public int? Id { get; set; }
    public string Label { get; set; } = "";
    public string Line1 { get; set; } = "";
    public string Line2 { get; set; } = "";
    public string City { get; set; } = "";
    public string Region { get; set; } = "";
    public string PostalCode { get; set; } = "";
    public bool IsPrimary { get; set; }
    public string AccessNotes { get; set; } = "";
}

/// <summary>
/// The rules for <see cref="CustomerInput"/>. Errors are keyed by field path ("Email", "Contacts[1].Phone") so a form
/// shows each message beside its input.
/// </summary>
public static partial class CustomerInputRules
{
    public const string NameRequired = "Enter the customer's name or a company name.";
    public const string EmailInvalid = "Enter an e-mail address like name@example.com.";
    public const string PhoneInvalid = "Enter a phone number with 7 to 15 digits, e.g. (555) 010-0100.";
    public const string ContactEmpty = "Enter a name, e-mail or phone for this contact, or remove it.";
    public const string AddressLineRequired = "Enter the street address, or remove this address.";
    public const string OnePrimary = "Only one service address can be the primary one.";

    public static Dictionary<string, string> Validate(CustomerInput input)
    {
        var errors = new Dictionary<string, string>();
        if (IsBlank(input.FirstName) && IsBlank(input.LastName) && IsBlank(input.CompanyName))
        {
            errors[nameof(CustomerInput.FirstName)] = NameRequired;
            errors[nameof(CustomerInput.CompanyName)] = NameRequired;
        }
        Length(errors, nameof(CustomerInput.FirstName), input.FirstName, 100, "First name");
        Length(errors, nameof(CustomerInput.LastName), input.LastName, 100, "Last name");
        Length(errors, nameof(CustomerInput.CompanyName), input.CompanyName, 200, "Company");
        Email(errors, nameof(CustomerInput.Email), input.Email);
        Phone(errors, nameof(CustomerInput.Phone), input.Phone);
        Length(errors, nameof(CustomerInput.InternalNotes), input.InternalNotes, 8000, "Internal notes");

        for (var i = 0; i < input.Contacts.Count; i++)
        {
            var contact = input.Contacts[i];
            var prefix = $"{nameof(CustomerInput.Contacts)}[{i}].";
            if (IsBlank(contact.Name) && IsBlank(contact.Email) && IsBlank(contact.Phone))
                errors[prefix + nameof(ContactInput.Name)] = ContactEmpty;
            Length(errors, prefix + nameof(ContactInput.Name), contact.Name, 200, "Name");
            Email(errors, prefix + nameof(ContactInput.Email), contact.Email);
            Phone(errors, prefix + nameof(ContactInput.Phone), contact.Phone);
            Length(errors, prefix + nameof(ContactInput.Role), contact.Role, 100, "Role");
        }

        for (var i = 0; i < input.ServiceAddresses.Count; i++)
        {
            var address = input.ServiceAddresses[i];
            var prefix = $"{nameof(CustomerInput.ServiceAddresses)}[{i}].";
            if (IsBlank(address.Line1)) errors[prefix + nameof(ServiceAddressInput.Line1)] = AddressLineRequired;
            Length(errors, prefix + nameof(ServiceAddressInput.Label), address.Label, 100, "Label");
            Length(errors, prefix + nameof(ServiceAddressInput.Line1), address.Line1, 200, "Address");
            Length(errors, prefix + nameof(ServiceAddressInput.Line2), address.Line2, 200, "Address line 2");
            Length(errors, prefix + nameof(ServiceAddressInput.City), address.City, 100, "City");
            Length(errors, prefix + nameof(ServiceAddressInput.Region), address.Region, 100, "State or region");
            Length(errors, prefix + nameof(ServiceAddressInput.PostalCode), address.PostalCode, 20, "Postal code");
            Length(errors, prefix + nameof(ServiceAddressInput.AccessNotes), address.AccessNotes, 2000, "Access notes");
        }
        var primaries = input.ServiceAddresses.Select((a, i) => (a, i)).Where(x => x.a.IsPrimary).ToList();
        if (primaries.Count > 1)
            errors[$"{nameof(CustomerInput.ServiceAddresses)}[{primaries[1].i}].{nameof(ServiceAddressInput.IsPrimary)}"] = OnePrimary;
        return errors;
    }

    public static bool IsValidEmail(string value) => value.Length <= 256 && EmailPattern().IsMatch(value);

    /// <summary>Loose on purpose: people write numbers many ways. Digits, spaces and + ( ) - . / with 7 to 15 digits, and an optional extension.</summary>
    public static bool IsValidPhone(string value)
    {
        if (value.Length > 40) return false;
        var match = PhonePattern().Match(value);
        if (!match.Success) return false;
        var digits = match.Groups["number"].Value.Count(char.IsAsciiDigit);
        return digits is >= 7 and <= 15;
    }

    private static void Email(Dictionary<string, string> errors, string field, string value)
    {
        if (!IsBlank(value) && !IsValidEmail(value.Trim())) errors[field] = EmailInvalid;
    }

    private static void Phone(Dictionary<string, string> errors, string field, string value)
    {
        if (!IsBlank(value) && !IsValidPhone(value.Trim())) errors[field] = PhoneInvalid;
    }

    private static void Length(Dictionary<string, string> errors, string field, string value, int max, string label)
    {
        if (value.Trim().Length > max) errors.TryAdd(field, $"{label} can be at most {max} characters.");
    }

    private static bool IsBlank(string value) => string.IsNullOrWhiteSpace(value);

    [GeneratedRegex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^(?<number>\+?[0-9 ()./-]+?)(\s*(x|ext\.?|extension)\s*[0-9]{1,6})?$", RegexOptions.IgnoreCase)]
    private static partial Regex PhonePattern();
}
