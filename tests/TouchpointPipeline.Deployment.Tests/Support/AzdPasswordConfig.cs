namespace TouchpointPipeline.Deployment.Tests.Support;

/// <summary>
/// The options of azd's password generator (azure-dev cli/azd/pkg/password/generator.go, <c>GenerateConfig</c>); a
/// minimum of null counts as 0, a length of 0 as "the sum of the minimums".
/// </summary>
public sealed record AzdPasswordConfig(
    uint Length = 0,
    uint? MinLower = null,
    uint? MinUpper = null,
    uint? MinNumeric = null,
    uint? MinSpecial = null,
    bool? NoLower = null,
    bool? NoUpper = null,
    bool? NoNumeric = null,
    bool? NoSpecial = null)
{
    /// <summary>
    /// What <c>$(secretOrRandomPassword vault secret)</c> in main.parameters.json generates when the secret cannot be
    /// read (no vault yet on a first run): azure-dev cli/azd/pkg/cmdsubst/secretOrRandomPassword.go calls
    /// <c>password.Generate(GenerateConfig{MinLower: 5, MinUpper: 5, MinNumeric: 5})</c>, with no length.
    /// </summary>
    public static AzdPasswordConfig SecretOrRandomPassword { get; } = new(MinLower: 5, MinUpper: 5, MinNumeric: 5);
}
