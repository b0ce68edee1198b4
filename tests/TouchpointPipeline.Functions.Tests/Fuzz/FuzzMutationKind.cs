namespace TouchpointPipeline.Functions.Tests.Fuzz;

/// <summary>The structural mutations applied to seed events.</summary>
internal enum FuzzMutationKind
{
    WrongType,
    RemoveField,
    LoneSurrogate,
    HugeNumber,
    NotJsonNumber,
    DeepNesting,
    DuplicateKey,
    Truncate,
    DateLimit,
    LongString,
    RandomText,
    RepeatEarlier,
    WrongRoot,
    WrongChannelOrType,
}
