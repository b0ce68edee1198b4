// Secrets the app reads through Key Vault references (never as plain app settings): the PII salt that pseudonymises
// customer ids and the secret the dead-letter encryption key is derived from. RBAC authorization only; the app's
// identity gets Key Vault Secrets User in rbac.bicep.
param name string
param location string
param tags object = {}

// The app refuses a salt shorter than PiiOptions.MinSaltLength (16); azd's first-run value has 15 characters (see
// main.bicep). A shorter value gets the 32 hex digits of a fresh GUID (122 random bits) appended; a value that is
// long enough (every value read back from this vault) is stored unchanged, so the salt, and with it every hashed
// customer key, stays the same across runs.
@export()
@description('The salt to store: given unchanged when it has at least 16 characters, else given + the hex digits of extension.')
func piiSaltToStore(given string, extension string) string =>
  length(given) >= 16 ? given : '${given}${replace(extension, '-', '')}'

// The app refuses a dead-letter key shorter than DeadLetterStorageOptions.MinEncryptionKeyLength (32) that is not the
// base64 of 32 bytes. A shorter value (azd's 15-character first run) gets the hex digits of the extension appended
// (main.bicep passes two fresh GUIDs: 64 digits, 244 random bits); a long enough value (every value read back from
// this vault) is stored unchanged, so dead letters written with it stay readable across runs.
@export()
@description('The dead-letter key to store: given unchanged when it has at least 32 characters, else given + the hex digits of extension.')
func deadLetterKeyToStore(given string, extension string) string =>
  length(given) >= 32 ? given : '${given}${replace(extension, '-', '')}'

@secure()
@minLength(16)
@description('Salt for hashing identifiers configured as personal data. Changing it splits every hashed customer\'s timeline.')
param piiSalt string

@secure()
@minLength(32)
@description('Secret the dead-letter encryption key is derived from. Changing it makes every dead letter written before unreadable.')
param deadLetterKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource piiSaltSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'pii-salt'
  properties: {
    value: piiSalt
    contentType: 'text/plain'
  }
}

resource deadLetterKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'dead-letter-key'
  properties: {
    value: deadLetterKey
    contentType: 'text/plain'
  }
}

output name string = vault.name
// Unversioned: the app follows the current version (a rotation still needs a re-key, see docs/security-and-privacy.md).
output piiSaltSecretUri string = '${vault.properties.vaultUri}secrets/${piiSaltSecret.name}'
// Unversioned as well: no rotation (a new value makes older dead letters unreadable, see docs/security-and-privacy.md).
output deadLetterKeySecretUri string = '${vault.properties.vaultUri}secrets/${deadLetterKeySecret.name}'
