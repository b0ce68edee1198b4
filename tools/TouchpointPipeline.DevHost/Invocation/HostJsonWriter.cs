using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TouchpointPipeline.DevHost.Invocation;

/// <summary>
/// JSON pieces every default payload shares, written as the host's Newtonsoft serializer writes them: only quotes,
/// backslashes and control characters escaped, DateTimes in ISO form with trailing zeros of the fraction dropped.
/// </summary>
internal static class HostJsonWriter
{
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    /// <summary>A <c>DateTime</c> with <c>Kind=Unspecified</c>: full precision, no zone designator (e.g. <c>EnqueuedTimeUtc</c>, §4.2).</summary>
    public static string Unspecified(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>A UTC <c>DateTime</c>: as <see cref="Unspecified"/> with <c>Z</c>.</summary>
    public static string Utc(DateTimeOffset value) => Unspecified(value) + "Z";

    /// <summary>A local <c>DateTime</c> on a UTC machine, as in the timer's <c>ScheduleStatus</c> (§5).</summary>
    public static string LocalOnUtcMachine(DateTimeOffset value) => Unspecified(value) + "+00:00";

    /// <summary><c>sys</c>: the WebJobs system binding data (§3).</summary>
    public static void WriteSys(Utf8JsonWriter writer, string functionName, InvocationAttempt attempt)
    {
        writer.WriteStartObject("sys");
        writer.WriteString("MethodName", functionName);
        writer.WriteString("UtcNow", Utc(attempt.UtcNow));
        writer.WriteString("RandGuid", attempt.RandGuid.ToString());
        writer.WriteEndObject();
    }

    /// <summary>
    /// <c>RetryContext</c> (§3) as a JSON object. <c>Exception</c> is the previous attempt's failure in the shape
    /// Newtonsoft gives a serialized .NET exception (the host's FunctionInvocationException around the HTTP error);
    /// docs/host-protocol.md calls its exact shape opaque, so handlers must not depend on more than ClassName/Message.
    /// </summary>
    public static void WriteRetryContext(Utf8JsonWriter writer, string functionName, RetryState retry)
    {
        writer.WriteStartObject("RetryContext");
        writer.WriteNumber("RetryCount", retry.RetryCount);
        writer.WriteNumber("MaxRetryCount", retry.MaxRetryCount);
        if (retry.PreviousFailure is { } failure)
        {
            writer.WritePropertyName("Exception");
            WriteException(writer, "Microsoft.Azure.WebJobs.Host.FunctionInvocationException", $"Exception while executing function: Functions.{functionName}", "Microsoft.Azure.WebJobs.Host", failure);
        }
        else
        {
            writer.WriteNull("Exception");
        }

        writer.WriteNull("Instance");
        writer.WriteStartObject("State");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteException(Utf8JsonWriter writer, string className, string message, string source, FailureInfo? inner)
    {
        writer.WriteStartObject();
        writer.WriteString("ClassName", className);
        writer.WriteString("Message", message);
        writer.WriteNull("Data");
        writer.WritePropertyName("InnerException");
        if (inner is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            WriteException(writer, inner.ExceptionType, inner.Message, inner.ExceptionType.StartsWith("System.Net.Http", StringComparison.Ordinal) ? "System.Net.Http" : "Microsoft.Azure.WebJobs.Script", null);
        }

        writer.WriteNull("HelpURL");
        writer.WriteNull("StackTraceString");
        writer.WriteNull("RemoteStackTraceString");
        writer.WriteNumber("RemoteStackIndex", 0);
        writer.WriteNull("ExceptionMethod");
        writer.WriteNumber("HResult", -2146233088);
        writer.WriteString("Source", source);
        writer.WriteNull("WatsonBuckets");
        writer.WriteEndObject();
    }
}
