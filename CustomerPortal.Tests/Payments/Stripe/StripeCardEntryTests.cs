using Bunit;
using CustomerPortal.Core.Payments;
using CustomerPortal.Web.Payments;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace CustomerPortal.Tests.Payments.Stripe;

/// <summary>The Stripe card form with Stripe.js faked at the module boundary (no internet here).</summary>
public sealed class StripeCardEntryTests : BunitContext
{
    private readonly BunitJSModuleInterop _module;
    private readonly BunitJSInterop _form;

    public StripeCardEntryTests()
    {
        Services.AddMudServices();
        Services.AddSingleton(Options.Create(new PaymentsOptions
        {
            Processor = PaymentProcessorKind.Stripe,
            Stripe = new StripeKeys { SecretKey = "sk_test_secret", PublishableKey = "pk_test_publishable", WebhookSecret = "whsec_x" },
        }));
        JSInterop.Mode = JSRuntimeMode.Loose;
        _module = JSInterop.SetupModule(StripeCardEntry.Module);
        _form = _module.SetupModule("mount", _ => true);
    }

    [Fact]
    public void Render_MountsThePaymentElementWithThePublishableKeyAndClientSecretOnly()
    {
        var entry = Render<StripeCardEntry>(p => p.Add(c => c.Target, new CardEntryTarget("pi_1_secret_abc", "http://localhost/portal/invoices/1", false)));

        var mount = _module.VerifyInvoke("mount");
        Assert.IsType<ElementReference>(mount.Arguments[0]);
        Assert.Equal(["pk_test_publishable", "pi_1_secret_abc"], mount.Arguments.Skip(1).Cast<string>());
        Assert.NotNull(entry.Find("[data-testid=stripe-payment-element]"));
        Assert.DoesNotContain("sk_test_secret", entry.Markup);
        Assert.Equal("Pay now", entry.Find("[data-testid=card-submit]").TextContent.Trim());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Your card was declined.")]
    public void Submit_ConfirmsInTheBrowserAndReportsWhatStripeSaid(string? stripeError)
    {
        _form.Setup<string?>("confirm", true, "http://localhost/portal/profile").SetResult(stripeError);
        CardEntryResult? reported = null;
        var entry = Render<StripeCardEntry>(p => p
            .Add(c => c.Target, new CardEntryTarget("seti_1_secret_abc", "http://localhost/portal/profile", true, "seti_1"))
            .Add(c => c.OnSubmitted, (CardEntryResult r) => reported = r));

        entry.Find("[data-testid=card-submit]").Click();

        Assert.Equal(new CardEntryResult(null, true, stripeError), reported);
        Assert.Equal("Save card", entry.Find("[data-testid=card-submit]").TextContent.Trim());
    }
}
