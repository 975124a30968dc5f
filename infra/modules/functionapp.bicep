// The WeCom Guard function app, .NET 10 isolated worker on Linux, running as the user-assigned identity: storage, the
// deployment package, Key Vault references and telemetry all use it. Two plans: Flex Consumption (FC1, the default)
// and Elastic Premium (EP1) for regions without Flex. Both keep every storage connection identity-based: Flex reads
// its package from a blob container; Elastic Premium runs from a package blob (WEBSITE_RUN_FROM_PACKAGE) instead of
// an Azure Files content share, which would need a storage key.

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('flex (Flex Consumption, FC1) or elasticPremium (EP1).')
@allowed(['flex', 'elasticPremium'])
param hostingPlan string

@description('Plan name.')
param planName string

@description('Function app name (also the host name prefix).')
param name string

@description('Resource ID of the user-assigned managed identity.')
param identityId string

@description('Blob endpoint of the storage account holding the deployment package.')
param blobEndpoint string

@description('Container holding the deployment package.')
param deploymentContainerName string

@description('Blob (in the deployment container) Elastic Premium runs the app from; scripts/deploy.sh uploads it.')
param packageBlobName string

@description('Subnet for VNet integration, or empty for none.')
param subnetId string

@description('Flex: most instances the app scales out to. Elastic Premium: most workers (at most 100 on EP1).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Flex: memory per instance (MB). Elastic Premium: fixed by EP1 (3.5 GB).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Instances kept warm for HTTP triggers (WeCom expects the callback URL check answered within 1 s); 0 for none on Flex, at least 1 on Elastic Premium.')
@minValue(0)
param alwaysReadyHttpInstances int

@description('App settings (name to value). Secret values are Key Vault references, never literals.')
param appSettings object

var isFlex = hostingPlan == 'flex'

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex
    ? {
        tier: 'FlexConsumption'
        name: 'FC1'
      }
    : {
        tier: 'ElasticPremium'
        name: 'EP1'
        family: 'EP'
      }
  properties: {
    reserved: true
    maximumElasticWorkerCount: isFlex ? null : min(maximumInstanceCount, 100)
  }
}

var siteConfig = {
  minTlsVersion: '1.2'
  scmMinTlsVersion: '1.2'
  ftpsState: 'Disabled'
  http20Enabled: true
  remoteDebuggingEnabled: false
  alwaysOn: false
}

// Elastic Premium: the runtime is the Linux stack, the package a blob read with the identity, and with VNet
// integration the scale controller must watch the queues from inside (runtime scale monitoring).
var elasticPremiumSiteConfig = {
  linuxFxVersion: 'DOTNET-ISOLATED|10.0'
  minimumElasticInstanceCount: max(alwaysReadyHttpInstances, 1)
  preWarmedInstanceCount: max(alwaysReadyHttpInstances, 1)
  functionsRuntimeScaleMonitoringEnabled: !empty(subnetId)
}

var elasticPremiumSettings = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
  WEBSITE_RUN_FROM_PACKAGE: '${blobEndpoint}${deploymentContainerName}/${packageBlobName}'
  WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: identityId
}

var flexAppConfig = {
  deployment: {
    storage: {
      type: 'blobContainer'
      value: '${blobEndpoint}${deploymentContainerName}'
      authentication: {
        type: 'UserAssignedIdentity'
        userAssignedIdentityResourceId: identityId
      }
    }
  }
  scaleAndConcurrency: {
    maximumInstanceCount: max(maximumInstanceCount, 40)
    instanceMemoryMB: instanceMemoryMB
    alwaysReady: alwaysReadyHttpInstances > 0
      ? [
          {
            name: 'http'
            instanceCount: alwaysReadyHttpInstances
          }
        ]
      : []
  }
  runtime: {
    name: 'dotnet-isolated'
    version: '10.0'
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    keyVaultReferenceIdentity: identityId
    virtualNetworkSubnetId: empty(subnetId) ? null : subnetId
    // Everything out through the VNet (NAT gateway, service endpoints). Flex routes all traffic by default.
    outboundVnetRouting: isFlex || empty(subnetId)
      ? null
      : {
          allTraffic: true
        }
    siteConfig: isFlex ? siteConfig : union(siteConfig, elasticPremiumSiteConfig)
    functionAppConfig: isFlex ? flexAppConfig : null
  }
}

resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: isFlex ? appSettings : union(appSettings, elasticPremiumSettings)
}

resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
@description('Value of the TXT record asuid.<custom host name> that proves the domain is ours to bind.')
output customDomainVerificationId string = site.properties.customDomainVerificationId
