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
    }

    public async Task SignInToPortalAsync(string email, string password = TestAccounts.Password)
    {
        await page.GotoAsync("/portal/login");
        await SubmitAsync(email, password);
        await page.WaitForURLAsync("**/portal");
    }

    private async Task SubmitAsync(string email, string password)
    {
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
