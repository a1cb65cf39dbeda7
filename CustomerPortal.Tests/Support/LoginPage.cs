using Microsoft.Playwright;

namespace CustomerPortal.Tests.Support;

/// <summary>Page object for the staff and portal sign-in pages.</summary>
public sealed class LoginPage(IPage page)
{
    public async Task SignInAsStaffAsync(string email, string password = TestAccounts.Password)
    {
        await page.GotoAsync("/account/login");
        await SubmitAsync(email, password);
        await page.WaitForURLAsync("**/staff");
        await page.WaitForCircuitAsync();
    }

    public async Task SignInToPortalAsync(string email, string password = TestAccounts.Password)
    {
        await page.GotoAsync("/portal/login");
        await SubmitAsync(email, password);
        await page.WaitForURLAsync("**/portal");
        await page.WaitForCircuitAsync();
    }

    private async Task SubmitAsync(string email, string password)
    {
        // The portal page has more forms with an e-mail field (sign-in link, forgot password); use the one with a password.
        var form = page.Locator("form").Filter(new() { Has = page.Locator("input[type=password]") });
        await form.GetByLabel("E-mail").FillAsync(email);
        await form.GetByLabel("Password").FillAsync(password);
        await form.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
