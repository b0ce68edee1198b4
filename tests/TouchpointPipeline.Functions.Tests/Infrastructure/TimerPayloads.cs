using System.Text.Json.Nodes;

namespace TouchpointPipeline.Functions.Tests.Infrastructure;

/// <summary>timerTrigger invocation bodies as the host sends them (protocol doc §5, captured from a real host).</summary>
internal static class TimerPayloads
{
    public static string Timer(string bindingName = "timer", bool isPastDue = false, bool withScheduleStatus = true) =>
        new JsonObject
        {
            ["Data"] = new JsonObject
            {
                [bindingName] = new JsonObject
                {
                    ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                    ["ScheduleStatus"] = withScheduleStatus
                        ? new JsonObject
                        {
                            ["Last"] = "0001-01-01T00:00:00",
                            ["Next"] = "2026-11-20T10:34:00+00:00",
                            ["LastUpdated"] = "2026-11-20T10:33:00.403838+00:00",
                        }
                        : null,
                    ["IsPastDue"] = isPastDue,
                },
            },
            ["Metadata"] = new JsonObject
            {
                ["sys"] = new JsonObject { ["MethodName"] = "SweepPatterns", ["UtcNow"] = "2026-11-20T10:33:00.46239Z", ["RandGuid"] = "fa3b2fbc-26ed-4fcb-be75-82db8773b519" },
            },
        }.ToJsonString();
}
