namespace TouchpointPipeline.Core.Identity;

public enum LinkOutcome
{
    /// <summary>The anonymous id is now linked to the customer.</summary>
    Linked,

    /// <summary>The same link existed already (a redelivery or a repeated login): nothing changed.</summary>
    AlreadyLinked,

    /// <summary>The anonymous id is linked to a different known customer: never merged automatically; recorded.</summary>
    Conflict,

    /// <summary>
    /// The customer reached the limit of anonymous ids linked within the window (a shared device?): recorded, not linked.
    /// The earliest links are kept; a later link never displaces one.
    /// </summary>
    TooManyLinks,
}
