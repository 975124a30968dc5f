// The Key Vault holding WeCom Guard's secrets (WeCom app secrets, callback tokens and AES keys, the fingerprint key).
// Access is by Azure RBAC only; deleted secrets and the vault itself can be recovered for 90 days.

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Key Vault name (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Refuse traffic except from the given subnets and IP ranges (and trusted Azure services).')
param restrictNetwork bool

@description('Subnet (with a Microsoft.KeyVault service endpoint) allowed through the firewall; empty for none.')
param allowedSubnetId string

@description('Public IP ranges (CIDR) allowed through the firewall: the deployer, who writes the secrets.')
param allowedIpRanges string[]

@description('Log Analytics workspace receiving the vault\'s audit log (who read or changed which secret).')
param logAnalyticsWorkspaceId string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
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
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: restrictNetwork ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
      virtualNetworkRules: restrictNetwork && !empty(allowedSubnetId)
        ? [
            {
              id: allowedSubnetId
            }
          ]
        : []
      ipRules: restrictNetwork ? map(allowedIpRanges, range => { value: range }) : []
    }
  }
}

resource auditLog 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: vault
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
