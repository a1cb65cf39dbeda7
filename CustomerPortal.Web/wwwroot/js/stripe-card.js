// Stripe's Payment Element for StripeCardEntry.razor, loaded only in Stripe mode. Stripe.js is always loaded from
// js.stripe.com (Stripe requires that; the Content-Security-Policy allows it in Stripe mode only).
let stripeJs;

function loadStripeJs() {
    if (window.Stripe) return Promise.resolve(window.Stripe);
    stripeJs ??= new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = 'https://js.stripe.com/v3/';
        script.onload = () => window.Stripe ? resolve(window.Stripe) : reject(new Error('Stripe.js did not start.'));
        script.onerror = () => {
            stripeJs = undefined;
            reject(new Error('Stripe.js could not be loaded.'));
        };
        document.head.appendChild(script);
    });
    return stripeJs;
}

// Mounts the Payment Element for a PaymentIntent's or SetupIntent's client secret; returns the form .NET talks to.
export async function mount(element, publishableKey, clientSecret) {
    const Stripe = await loadStripeJs();
    const stripe = Stripe(publishableKey);
    const elements = stripe.elements({ clientSecret });
    const paymentElement = elements.create('payment');
    paymentElement.mount(element);
    return {
        // Confirms in the browser; null when Stripe accepted it (the server then asks Stripe what happened), else the reason to show.
        async confirm(isSetup, returnUrl) {
            const options = { elements, confirmParams: { return_url: returnUrl }, redirect: 'if_required' };
            const result = isSetup ? await stripe.confirmSetup(options) : await stripe.confirmPayment(options);
            return result.error ? (result.error.message || 'The card could not be used.') : null;
        },
        unmount() {
            paymentElement.destroy();
        },
    };
}
