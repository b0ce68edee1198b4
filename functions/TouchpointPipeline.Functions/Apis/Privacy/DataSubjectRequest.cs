namespace TouchpointPipeline.Functions.Apis.Privacy;

/// <summary>
/// The body of export and erase: the person's customer id or e-mail address as the emitters send it. In the body, not
/// the URL, so it never reaches a request log.
/// </summary>
internal sealed record DataSubjectRequest(string? CustomerId);
