using CustomerPortal.Core.Accounts;
using CustomerPortal.Core.Data;
using CustomerPortal.Core.Demo;
using CustomerPortal.Web.Access;
using CustomerPortal.Web.Account;
using CustomerPortal.Web.Attachments;
using CustomerPortal.Web.Requests;
using CustomerPortal.Web.Staff.Customers;
using CustomerPortal.Web.Staff.Exports;
using CustomerPortal.Web.Staff.Settings;
using CustomerPortal.Web.Health;
using CustomerPortal.Web.Hubs;
using CustomerPortal.Web.Messaging;
using CustomerPortal.Web.Links;
using CustomerPortal.Web.Operations;
using CustomerPortal.Web.Payments;
using CustomerPortal.Web.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace CustomerPortal.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>Registers Blazor, MudBlazor, sign-in and authorization, and the web-side services of each feature.</summary>
    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        // Stopping waits this long for requests in flight and open circuits, then closes what is left (Hosting:ShutdownSeconds).
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(configuration.GetValue("Hosting:ShutdownSeconds", 10)));
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddSingleton<Layout.BrandThemeStyles>();
        services.AddHttpContextAccessor();
        services.AddCascadingAuthenticationState();
        services.AddSignalR();

        // The key ring that protects sign-in cookies, antiforgery tokens and circuit state lives in the database, so every
        // instance on it reads what another issued (a restart keeps everyone signed in too).
        services.AddDataProtection().SetApplicationName("CustomerPortal").PersistKeysToDbContext<PortalDbContext>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                // No lockout after wrong passwords: anyone could lock someone else out. Attempts are throttled instead (AddRateLimits).
                options.Lockout.AllowedForNewUsers = false;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AccountClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "customerportal.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.Events = new CookieAuthenticationEvents
            {
                // Customers sign in on the portal's own page; staff on the back-office one.
                OnRedirectToLogin = context =>
                {
                    var portal = context.Request.Path.StartsWithSegments("/portal");
                    var login = portal ? "/portal/login" : "/account/login";
                    var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                    context.Response.Redirect($"{login}?returnUrl={Uri.EscapeDataString(returnUrl)}");
                    return Task.CompletedTask;
                },
            };
        });
        services.AddAccessAuthorization();
        services.AddViewAsCustomer();
        services.AddSecurity(configuration);
        services.AddRateLimits();
        services.AddReverseProxy(configuration);

        services.AddScoped<ActorResolver>();
        services.AddScoped<CurrentActor>();
        services.AddLiveUpdates();
        services.AddDocumentsWeb();
        services.AddTelemetry(configuration);
        return services;
    }

    /// <summary>Applies migrations and, when enabled, seeds the demo company.</summary>
    public static async Task PrepareDataAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        if (scope.ServiceProvider.GetRequiredService<IOptions<DemoDataOptions>>().Value.Enabled)
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(CancellationToken.None);
    }

    public static void UseWeb(this WebApplication app)
    {
        app.UseReverseProxyHeaders();
        app.UseSecurityHeaders();
        app.UsePrometheusEndpoint();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UsePublicRequestUploadLimit();
        app.UseAntiforgery();
        app.MapHealthEndpoints();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapUnsubscribeEndpoints();
        app.MapAttachmentEndpoints();
        app.MapViewAsCustomerEndpoints();
        app.MapLogoEndpoints();
        app.MapLiveHub();
        app.MapEchoHubWhenLoadTesting();
        app.MapMemoryProbeWhenLoadTesting();
        app.MapDocumentEndpoints();
        app.MapStaffExports();
        app.MapStripeWebhook();
        app.MapInboundEmailWebhook();
    }
}
