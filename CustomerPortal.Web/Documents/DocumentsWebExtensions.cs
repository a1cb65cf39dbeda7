using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CustomerPortal.Web.Documents;

public static class DocumentsWebExtensions
{
    /// <summary>Web-side services of estimates and invoices.</summary>
    public static IServiceCollection AddDocumentsWeb(this IServiceCollection services)
    {
        services.AddScoped<ClientConnection>();
        services.AddScoped<CircuitHandler, ClientConnectionCircuitHandler>();
        return services;
    }
}
