using CustomerPortal.Web.Documents;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CustomerPortal.Web;

public static class DocumentsWebExtensions
{
    /// <summary>Web-side services of estimates and invoices.</summary>
    public static IServiceCollection AddDocumentsWeb(this IServiceCollection services)
    {
        services.AddScoped<ClientConnection>();
        services.AddScoped<CircuitHandler, ClientConnectionCircuitHandler>();
        return services;
    }

    /// <summary>The estimate, invoice and receipt PDF endpoints (see <see cref="DocumentEndpoints"/>).</summary>
    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder endpoints) => DocumentEndpoints.Map(endpoints);
}
