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

@description('Refuse traffic except from the given subnets and IP ranges.')
param restrictNetwork bool

@description('Subnet (with a Microsoft.CognitiveServices service endpoint) allowed through the firewall; empty for none.')
param allowedSubnetId string

@description('Public IP ranges (CIDR) allowed through the firewall (e.g. the security team running wecomguard scan).')
param allowedIpRanges string[]

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
      defaultAction: restrictNetwork ? 'Deny' : 'Allow'
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

output name string = language.name
output endpoint string = language.properties.endpoint
