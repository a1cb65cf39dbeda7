using CustomerPortal.Core.Access;

namespace CustomerPortal.Core.Accounts;

/// <summary>Someone who works for the business and uses the back office.</summary>
public sealed class StaffUser
{
    public int Id { get; private set; }
    public string AccountId { get; private set; } = "";
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public StaffRole Role { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? LastSignInAtUtc { get; set; }

    /// <summary>Wants an e-mail about new customer messages in threads nobody is assigned to.</summary>
    public bool EmailsAboutUnassignedMessages { get; private set; }

    private StaffUser() { }

    public StaffUser(string accountId, string name, string email, StaffRole role, DateTime createdAtUtc)
    {
        AccountId = accountId;
        Name = name;
        Email = email;
        Role = role;
        CreatedAtUtc = createdAtUtc;
    }

    public void ChooseMessageEmails(bool aboutUnassignedMessages) => EmailsAboutUnassignedMessages = aboutUnassignedMessages;

    public Actor ToActor() => Actor.Staff(Id, Name, Role) with { AccountId = AccountId };
}
