using System.Data.Common;
using System.Net.Sockets;
using Azure;
using Microsoft.Azure.Cosmos;

namespace TouchpointPipeline.Functions.Triggers.Ingest;

/// <summary>
/// Sorts a failed attempt: transient (a store, blob service or network that is down or throttling; retrying the same
/// batch later can succeed) or permanent (a bug or a poison batch; retrying the same bytes fails the same way).
/// Anything not recognised as infrastructure is permanent, so a poison batch is parked at once instead of stalling its
/// partition under unbounded retries.
/// </summary>
internal static class TransientFailures
{
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsTransient);
            }

            if (e is HttpRequestException or IOException or SocketException or TimeoutException or DbException
                or RequestFailedException or CosmosException or OperationCanceledException)
            {
                return true;
            }
        }

        return false;
    }
}
