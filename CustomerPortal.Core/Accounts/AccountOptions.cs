using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Core.Accounts;

public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>How long a sign-in link stays valid.</summary>
    [Range(1, 1440)]
    public int MagicLinkMinutes { get; set; } = 15;

    /// <summary>How long a registration or password-reset link stays valid.</summary>
    [Range(1, 43200)]
    public int RegistrationLinkHours { get; set; } = 72;

    /// <summary>How long a signed deep link in a message (to an invoice, an estimate, a conversation...) keeps working.</summary>
    [Range(1, 365)]
    public int DeepLinkDays { get; set; } = 14;
}
