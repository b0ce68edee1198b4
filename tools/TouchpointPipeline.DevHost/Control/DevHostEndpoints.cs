using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TouchpointPipeline.DevHost.EventHubs;
using TouchpointPipeline.DevHost.EventLog;
using TouchpointPipeline.DevHost.Invocation;
using TouchpointPipeline.DevHost.Timers;

namespace TouchpointPipeline.DevHost.Control;

/// <summary>
/// The dev host's own API under <c>/_devhost</c>: append to and read the embedded log, force a redelivery, and status.
/// </summary>
internal static class DevHostEndpoints
{
    public const int MaxMessagesPerAppend = 10_000;
    public const int MaxReadCount = 1_000;

    public static IEndpointRouteBuilder MapDevHostEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/_devhost").WithTags("DevHost");
        group.MapPost("/hubs/{hub}/messages", Append);
        group.MapGet("/hubs/{hub}/messages", Read);
        group.MapPost("/redeliver", Redeliver);
        group.MapGet("/status", Status);
        return app;
    }

    public static Results<Ok<AppendResponse>, ValidationProblem> Append(string hub, AppendRequest? request, EmbeddedLog log)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request?.Messages is not { } messages)
        {
            errors["messages"] = ["messages is required: {\"messages\":[{\"partitionKey\":\"...\",\"body\":\"...\"}]}."];
            return TypedResults.ValidationProblem(errors);
        }

        if (messages.Count > MaxMessagesPerAppend)
        {
            errors["messages"] = [$"at most {MaxMessagesPerAppend} messages per request."];
        }

        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i]?.Body is null)
            {
                errors[$"messages[{i}].body"] = ["body is required (a string: the exact event body)."];
            }
        }

        if (string.IsNullOrWhiteSpace(hub) || hub.Length > 256)
        {
            errors["hub"] = ["hub must be 1 to 256 characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var appended = log.Hub(hub).Append([.. messages.Select(m => new NewMessage(m.PartitionKey, m.Body!, m.Properties))]);
        return TypedResults.Ok(new AppendResponse(appended.Count, [.. appended.Select(a => new AppendedMessage(a.Partition.Id, a.Message.SequenceNumber))]));
    }

    public static Results<Ok<IReadOnlyList<StoredMessage>>, NotFound<ProblemDetails>, ValidationProblem> Read(
        string hub, string? partition, long? from, int? max, EmbeddedLog log)
    {
        if (max is < 1 or > MaxReadCount || from is < 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["max"] = [$"max must be 1 to {MaxReadCount}; from must be >= 0."],
            });
        }

        if (!log.TryGetHub(hub, out var hubLog))
        {
            return TypedResults.NotFound(new ProblemDetails { Title = "Not Found", Detail = $"Nothing was ever appended to hub '{hub}'.", Status = 404 });
        }

        var messages = hubLog.Partitions
            .Where(p => partition is null || p.Id == partition)
            .SelectMany(p => p.Read(from ?? 0, max ?? 100).Select(m => new StoredMessage(p.Id, m.SequenceNumber, m.Offset, m.EnqueuedTime, m.PartitionKey, m.Body)))
            .ToList();
        return TypedResults.Ok<IReadOnlyList<StoredMessage>>(messages);
    }

    public static Results<Ok<RedeliverResponse>, NotFound<ProblemDetails>> Redeliver(RedeliverRequest? request, EventHubTriggerService eventHubs)
    {
        var filter = request ?? new RedeliverRequest(null, null, null, null);
        var targets = new List<RedeliveryTarget>();
        var matched = 0;
        foreach (var pump in eventHubs.Pumps)
        {
            if ((filter.Function is null || string.Equals(filter.Function, pump.Binding.Function.Name, StringComparison.OrdinalIgnoreCase))
                && (filter.Hub is null || string.Equals(filter.Hub, pump.Partition.Hub, StringComparison.OrdinalIgnoreCase))
                && (filter.Partition is null || filter.Partition == pump.Partition.Id))
            {
                matched++;
                if (pump.RequestRedelivery(filter.FromSequenceNumber))
                {
                    targets.Add(new RedeliveryTarget(pump.Binding.Function.Name, pump.Partition.Hub, pump.Partition.Id));
                }
            }
        }

        return matched == 0
            ? TypedResults.NotFound(new ProblemDetails { Title = "Not Found", Detail = "No eventHubTrigger function reads a partition matching the request.", Status = 404 })
            : TypedResults.Ok(new RedeliverResponse(targets));
    }

    public static Ok<StatusResponse> Status(EmbeddedLog log, EventHubTriggerService eventHubs, TimerTriggerService timers, HandlerConnection handler)
    {
        var hubs = log.Hubs
            .Select(h => new HubStatus(h.Name, [.. h.Partitions.Select(p => new HubPartitionStatus(p.Id, p.NextSequenceNumber - 1, p.NextSequenceNumber))]))
            .ToList();
        var consumers = eventHubs.Pumps
            .GroupBy(p => p.Binding)
            .Select(g => new ConsumerStatus(g.Key.Function.Name, g.Key.EventHubName, g.Key.ConsumerGroup, [.. g.Select(p => p.Status())]))
            .ToList();
        var pending = consumers.Sum(c => c.Partitions.Sum(p => p.Pending));
        var idle = pending == 0 && consumers.All(c => c.Partitions.All(p => !p.InFlight));
        return TypedResults.Ok(new StatusResponse(handler.BaseAddress?.ToString(), hubs, consumers, [.. timers.Timers.Select(t => t.Status())], pending, idle));
    }
}
