using Azure.Identity;
using TouchpointPipeline.Functions.Observability;

namespace TouchpointPipeline.Functions.Tests.Observability;

public sealed class TelemetryCredentialTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ClientId=0f1e2d3c-0000-0000-0000-000000000000")]
    [InlineData("Authorization=Key")]
    public void CredentialFor_NoEntraIdAuthorization_IsNone(string? authenticationString)
    {
        var credential = TelemetryServiceCollectionExtensions.CredentialFor(authenticationString);

        Assert.Null(credential);
    }

    [Theory]
    [InlineData("ClientId=0f1e2d3c-0000-0000-0000-000000000000;Authorization=AAD")]
    [InlineData("Authorization=AAD; ClientId=0f1e2d3c-0000-0000-0000-000000000000")]
    [InlineData("Authorization=aad")]
    public void CredentialFor_EntraIdAuthorization_IsAManagedIdentityCredential(string authenticationString)
    {
        var credential = TelemetryServiceCollectionExtensions.CredentialFor(authenticationString);

        Assert.IsType<ManagedIdentityCredential>(credential);
    }
}
