using System.Net;
using System.Text;

namespace TouchpointPipeline.Storage.Tests.Infrastructure;

/// <summary>
/// Test infrastructure for <c>@vercel/cosmosdb-server</c> only, never in the product. (1) The SDK on Linux asks the
/// gateway for a query plan (header <c>x-ms-cosmos-is-query-plan-request</c>), which that server does not implement:
/// this answers with a plan of one full partition range and no client-side work, which is right for that server
/// because it always has exactly one partition range and evaluates the whole query (ORDER BY, TOP, COUNT) itself.
/// (2) A point read of a missing item crashes that server with a 500 unless the request carries
/// <c>x-ms-documentdb-query-enablecrosspartition: True</c>, so document reads get that header.
/// </summary>
internal sealed class CosmosServerQueryPlanHandler : DelegatingHandler
{
    private const string QueryPlan =
        """
        {"partitionedQueryExecutionInfoVersion":2,"queryInfo":{"distinctType":"None","top":null,"offset":null,"limit":null,"orderBy":[],"orderByExpressions":[],"groupByExpressions":[],"groupByAliases":[],"aggregates":[],"groupByAliasToAggregateType":{},"rewrittenQuery":"","hasSelectValue":false,"hasNonStreamingOrderBy":false},"queryRanges":[{"min":"","max":"FF","isMinInclusive":true,"isMaxInclusive":false}]}
        """;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Contains("x-ms-cosmos-is-query-plan-request"))
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StringContent(QueryPlan, Encoding.UTF8, "application/json"),
            };
            response.Headers.Add("x-ms-activity-id", Guid.NewGuid().ToString());
            response.Headers.Add("x-ms-request-charge", "0");
            return Task.FromResult(response);
        }

        if (request.Method == HttpMethod.Get
            && request.RequestUri?.AbsolutePath.Contains("/docs/", StringComparison.Ordinal) == true
            && !request.Headers.Contains("x-ms-documentdb-query-enablecrosspartition"))
        {
            request.Headers.TryAddWithoutValidation("x-ms-documentdb-query-enablecrosspartition", "True");
        }

        return base.SendAsync(request, cancellationToken);
    }
}
