namespace TouchpointPipeline.DevHost.FunctionApp;

/// <summary>The function app's files cannot be run as they are: the message says which file and what to fix.</summary>
internal sealed class FunctionAppException(string message) : Exception(message);
