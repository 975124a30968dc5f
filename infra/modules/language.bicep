// Azure AI Language (PII detection for file scanning). Entra ID only: local (key) auth is off, which needs the
// custom subdomain endpoint.

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Account name; also its custom subdomain.')
@minLength(2)
@maxLength(64)
param name string

@description('Pricing tier (F0 is limited to one per subscription).')
@allowed(['F0', 'S'])
param skuName string

resource language 'Microsoft.CognitiveServices/accounts@2025-09-01' = {
  name: name
  location: location
  tags: tags
  kind: 'TextAnalytics'
  sku: {
    name: skuName
  }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
    }
  }
}

output name string = language.name
output endpoint string = language.properties.endpoint
