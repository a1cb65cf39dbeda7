using CustomerPortal.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace CustomerPortal.Web.Account;

/// <summary>Starts a portal session after a single-use link proved who someone is.</summary>
internal static class PortalSessions
{
    public static async Task<bool> SignInAsync(SignInManager<AppUser> signInManager, SignInService signIns, string accountId,
        HttpContext http, string method)
    {
        var account = await signInManager.UserManager.FindByIdAsync(accountId);
        if (account is null || account.Kind != AccountKind.Portal) return false;
        await signInManager.SignInAsync(account, isPersistent: false);
        await signIns.RecordSignInAsync(account, http.Connection.RemoteIpAddress?.ToString() ?? "", method, http.RequestAborted);
        return true;
    }
}
