// Outbound through one static public IP. WeCom apps created after 2022-06-20 only accept API calls from the egress
// IPs listed in the admin console (可信IP); the function app's own outbound addresses are shared and change, so the
// app is integrated into a VNet whose subnet sends everything through a NAT gateway with a static public IP.

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Virtual network name.')
param vnetName string

@description('NAT gateway name.')
param natGatewayName string

@description('Public IP name.')
param publicIpName string

@description('Address space of the virtual network.')
param addressPrefix string

@description('Address range of the function app subnet (at least /28; /26 or larger recommended for Flex Consumption).')
param appSubnetPrefix string

@description('Service the subnet is delegated to: Microsoft.App/environments (Flex Consumption) or Microsoft.Web/serverFarms (Elastic Premium).')
@allowed(['Microsoft.App/environments', 'Microsoft.Web/serverFarms'])
param delegatedService string

var appSubnetName = 'snet-functions'

resource publicIp 'Microsoft.Network/publicIPAddresses@2025-05-01' = {
  name: publicIpName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Regional'
  }
  properties: {
    publicIPAddressVersion: 'IPv4'
    publicIPAllocationMethod: 'Static'
    idleTimeoutInMinutes: 4
  }
}

resource natGateway 'Microsoft.Network/natGateways@2025-05-01' = {
  name: natGatewayName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    idleTimeoutInMinutes: 4
    publicIpAddresses: [
      {
        id: publicIp.id
      }
    ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: vnetName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: appSubnetName
        properties: {
          addressPrefix: appSubnetPrefix
          natGateway: {
            id: natGateway.id
          }
          // Flex Consumption integrates through a subnet delegated to Microsoft.App/environments, Elastic Premium
          // through one delegated to Microsoft.Web/serverFarms.
          delegations: [
            {
              name: 'function-app'
              properties: {
                serviceName: delegatedService
              }
            }
          ]
          // Storage, Key Vault and Language admit this subnet through their firewalls.
          serviceEndpoints: [
            {
              service: 'Microsoft.Storage'
            }
            {
              service: 'Microsoft.KeyVault'
            }
            {
              service: 'Microsoft.CognitiveServices'
            }
          ]
          privateEndpointNetworkPolicies: 'Disabled'
          privateLinkServiceNetworkPolicies: 'Enabled'
        }
      }
    ]
  }
}

output appSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, appSubnetName)
output egressIp string = publicIp.properties.ipAddress
