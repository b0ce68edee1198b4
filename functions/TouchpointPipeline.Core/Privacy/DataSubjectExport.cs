using TouchpointPipeline.Core.Alerts;
using TouchpointPipeline.Core.Detection;
using TouchpointPipeline.Core.Identity;
using TouchpointPipeline.Core.Timelines;

namespace TouchpointPipeline.Core.Privacy;

/// <summary>Everything the stores hold about one person (GDPR Art. 15, CCPA right to know), as read at export time.</summary>
public sealed record DataSubjectExport(
    DataSubject Subject,
    DateTimeOffset ExportedAt,
    IReadOnlyList<TimelineItem> Timeline,
    IReadOnlyList<IdentityLink> Links,
    IReadOnlyList<IdentityRejection> Rejections,
    IReadOnlyList<Alert> Alerts,
    IReadOnlyList<DetectorState> DetectorStates,
    IReadOnlyList<DeadLetterRecord> DeadLetters);
