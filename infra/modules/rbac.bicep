// Least-privilege data-plane roles for WeCom Guard's managed identity, each scoped to the one container, queue or
// resource it needs and named guid(scope, principal, role) so that redeploying is idempotent. The deployer, when given,
// may write secrets (and, on Elastic Premium, the function package).

@description('Principal (object) ID of the app\'s user-assigned managed identity.')
param appPrincipalId string

@description('Storage account the app uses.')
param storageAccountName string

@description('Containers the app reads, writes and deletes in: the Functions host\'s own and the deployment package\'s.')
param writableContainerNames string[]

@description('Containers the app writes but never deletes from (incoming files, reports).')
param appendOnlyContainerNames string[]

@description('Containers the app only reads (the HR roster, which people upload).')
param readOnlyContainerNames string[]

@description('Queues the app sends to, receives from and moves to poison queues.')
param queueNames string[]

@description('Key Vault holding the app\'s secrets.')
param keyVaultName string

@description('Application Insights component the app reports to.')
param appInsightsName string

@description('Azure AI Language account, or empty when not deployed.')
param languageAccountName string

@description('Object ID of the person or pipeline that deploys, to write secrets into Key Vault; empty for none.')
param deployerPrincipalId string

@description('Type of the deployer principal.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param deployerPrincipalType string

@description('Container the deployer uploads the function package to (Elastic Premium runs it from there); empty for none.')
param deployerPackageContainerName string

var roles = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  // Queue triggers read, delete and move to poison queues; the app sends.
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Account-wide: the Functions host creates its diagnostic-event tables at run time.
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  cognitiveServicesUser: 'a97b65f3-24c7-4388-baec-2e87135dc908'
}

// Azure ABAC condition: Storage Blob Data Contributor without deleting blobs or blob versions.
var noDeleteCondition = '((!(ActionMatches{\'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete\'}) AND !(ActionMatches{\'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/deleteBlobVersion/action\'})))'

var containerGrants = concat(
  map(writableContainerNames, name => { container: name, role: roles.storageBlobDataContributor, condition: '' }),
  map(appendOnlyContainerNames, name => { container: name, role: roles.storageBlobDataContributor, condition: noDeleteCondition }),
  map(readOnlyContainerNames, name => { container: name, role: roles.storageBlobDataReader, condition: '' })
)

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'
  }

  resource queueService 'queueServices' existing = {
    name: 'default'
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' existing = [
  for grant in containerGrants: {
    parent: storage::blobService
    name: grant.container
  }
]

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' existing = [
  for queueName in queueNames: {
    parent: storage::queueService
    name: queueName
  }
]

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource language 'Microsoft.CognitiveServices/accounts@2025-09-01' existing = if (!empty(languageAccountName)) {
  name: languageAccountName
}

resource containerAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (grant, i) in containerGrants: {
    name: guid(containers[i].id, appPrincipalId, grant.role)
    scope: containers[i]
    properties: {
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', grant.role)
      condition: empty(grant.condition) ? null : grant.condition
      conditionVersion: empty(grant.condition) ? null : '2.0'
    }
  }
]

resource queueAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (queueName, i) in queueNames: {
    name: guid(queues[i].id, appPrincipalId, roles.storageQueueDataContributor)
    scope: queues[i]
    properties: {
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    }
  }
]

resource tableAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, appPrincipalId, roles.storageTableDataContributor)
  scope: storage
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appPrincipalId, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, appPrincipalId, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

resource languageUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(languageAccountName)) {
  name: guid(language.id, appPrincipalId, roles.cognitiveServicesUser)
  scope: language
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.cognitiveServicesUser)
  }
}

resource deployerSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(vault.id, deployerPrincipalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
  }
}

resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' existing = if (!empty(deployerPackageContainerName)) {
  parent: storage::blobService
  name: deployerPackageContainerName
}

resource deployerPackageWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId) && !empty(deployerPackageContainerName)) {
  name: guid(packageContainer.id, deployerPrincipalId, roles.storageBlobDataContributor)
  scope: packageContainer
  properties: {
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
  }
}
