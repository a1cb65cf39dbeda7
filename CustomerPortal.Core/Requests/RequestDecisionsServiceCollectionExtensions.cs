using Microsoft.Extensions.DependencyInjection;

namespace CustomerPortal.Core.Requests;

public static class RequestDecisionsServiceCollectionExtensions
{
    /// <summary>The staff side of work requests: list, open, convert, decline.</summary>
    public static IServiceCollection AddRequestDecisions(this IServiceCollection services)
    {
        services.AddSingleton<RequestDecisionService>();
        return services;
    }
}
