// The storage account WeCom Guard keeps everything in: the Functions host, tables, queues, blob containers and the
// Flex Consumption deployment package. No shared keys: every caller uses Microsoft Entra ID.

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Replication (SKU) of the storage account.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param skuName string

@description('Blob containers to create (private).')
param containerNames string[]

@description('Queues to create.')
param queueNames string[]

@description('Tables to create.')
param tableNames string[]

@description('The container that gets a time-based immutability (WORM) policy.')
param immutableContainerName string

@description('Days a blob in the immutable container cannot be changed or deleted.')
@minValue(1)
@maxValue(146000)
param immutabilityDays int

@description('Days deleted blobs and containers can be restored (soft delete).')
@minValue(1)
@maxValue(365)
param softDeleteDays int

@description('Refuse traffic except from the given subnets and IP ranges (and trusted Azure services such as Event Grid).')
param restrictNetwork bool

@description('Subnet (with a Microsoft.Storage service endpoint) allowed through the firewall; empty for none.')
param allowedSubnetId string

@description('Public IP ranges (CIDR) allowed through the firewall: operators, HR uploading the roster, the deployer.')
param allowedIpRanges string[]

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: restrictNetwork ? 'Deny' : 'Allow'
      // Event Grid's system topic delivers to the file-scan queue as a trusted service with its managed identity.
      bypass: 'AzureServices'
      virtualNetworkRules: restrictNetwork && !empty(allowedSubnetId)
        ? [
            {
              id: allowedSubnetId
              action: 'Allow'
            }
          ]
        : []
      ipRules: restrictNetwork ? map(allowedIpRanges, range => { value: range, action: 'Allow' }) : []
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    // The app may overwrite report and index blobs where it may not delete them: an overwrite keeps the earlier version.
    isVersioningEnabled: true
  }
}

// Earlier versions are kept as long as a deleted blob, then removed; current blobs are never touched.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'earlier-versions'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
            }
            actions: {
              version: {
                delete: {
                  daysAfterCreationGreaterThan: softDeleteDays
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [
    blobService
  ]
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [
  for containerName in containerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource immutableContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' existing = {
  parent: blobService
  name: immutableContainerName
}

// Created unlocked: locking is a separate, irreversible step (a locked policy also blocks deleting the account).
resource immutabilityPolicy 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2025-06-01' = {
  parent: immutableContainer
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: immutabilityDays
    allowProtectedAppendWrites: false
  }
  dependsOn: [
    containers
  ]
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
