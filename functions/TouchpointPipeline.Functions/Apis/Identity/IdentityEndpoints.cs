using Microsoft.AspNetCore.Http.HttpResults;
using TouchpointPipeline.Core.Enrichment.Redaction;
using TouchpointPipeline.Core.Identity;

namespace TouchpointPipeline.Functions.Apis.Identity;

/// <summary>Forwarded HTTP function <c>GetIdentity</c>: the identity audit trail of a customer.</summary>
internal static class IdentityEndpoints
{
    public static IEndpointRouteBuilder MapIdentityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/customers").WithTags("Identity")
            .MapGet("/{customerId}/identity", GetIdentityAsync)
            .WithName("GetIdentity");
        return app;
    }

    public static async Task<JsonHttpResult<IdentityView>> GetIdentityAsync(string customerId, IIdentityStore identities, PiiHasher hasher, CancellationToken cancellationToken)
    {
        customerId = hasher.ProtectCustomerId(customerId);
        var links = await identities.GetLinksAsync(customerId, cancellationToken);
        var rejections = await identities.GetRejectionsAsync(customerId, cancellationToken);
        return TypedResults.Json(IdentityView.From(customerId, links, rejections), IdentityJsonContext.Default.IdentityView);
    }
}
