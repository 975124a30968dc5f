// WeCom Guard: the whole deployment in one resource group. See docs/deploy.md; scripts/deploy.sh deploys it.
targetScope = 'resourceGroup'

@description('Short name of this deployment (e.g. prod, test): lowercase letters, digits and dashes; part of every resource name.')
@minLength(2)
@maxLength(12)
param environmentName string

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('Hosting plan: flex (Flex Consumption FC1, where the region offers it: az functionapp list-flexconsumption-locations) or elasticPremium (EP1, Linux) elsewhere.')
@allowed(['flex', 'elasticPremium'])
param hostingPlan string = 'flex'

@description('WeCom CorpID (企业ID). Not a secret; also the ReceiveId of every callback receiver.')
param weComCorpId string

@description('AgentId of the WeCom self-built app that sends messages to the security team.')
param weComAppAgentId string = ''

@description('Base URL of the WeCom server API.')
param weComApiBaseUrl string = 'https://qyapi.weixin.qq.com'

@description('Most WeCom API calls per minute WeCom Guard makes, per API. Below the code\'s default (10,000, WeCom\'s per-minute limit) on purpose: WeCom also allows 150,000 calls an hour per API, which a long sync at 10,000 a minute passes in 15 minutes.')
@minValue(1)
param weComRateLimitPerMinute int = 600

@description('WeCom callback receivers: one per WeCom app whose events WeCom Guard receives (URL /api/wecom/callback/{app}). Lowercase letters, digits and dashes.')
@minLength(1)
param callbackApps string[] = [
  'contacts'
  'customer'
  'app'
]

@description('Largest accepted clock difference (seconds) between a callback\'s timestamp and now; 0 turns the replay window off. The default is the code\'s (WeComCallbackOptions.CallbackMaxSkewSeconds).')
@minValue(0)
param callbackMaxSkewSeconds int = 600

@description('The company\'s own host name for the callback URLs (e.g. wecom-guard.example.com.cn), whose ICP filing entity is the company; empty for the default *.azurewebsites.net host name. Create the records of the callbackDnsRecords output first.')
param callbackHostName string = ''

@description('Bind callbackHostName now (its DNS records exist). false deploys everything else and outputs the records to create; scripts/deploy.sh runs both phases.')
param bindCallbackHostName bool = true

@description('Key Vault secret identifier (https://<vault>.vault.azure.net/secrets/<name>) of the PFX certificate for callbackHostName. Required on Flex Consumption (no managed certificates there); empty on Elastic Premium for a free App Service managed certificate.')
// An identifier, not a secret: the certificate stays in Key Vault.
#disable-next-line secure-secrets-in-params
param callbackCertificateSecretId string = ''

@description('Resource group of the Key Vault in callbackCertificateSecretId (same subscription).')
param callbackCertificateVaultResourceGroup string = resourceGroup().name

@description('Comma-separated WeCom userids that receive WeCom messages about sensitive files and audit runs; empty for none.')
param securityTeamUserIds string = ''

@description('Nightly chain schedule (6-field NCRONTAB, UTC): directory sync, then the account and group audits on the synced mirror. Default: 01:00 UTC.')
param directorySyncSchedule string = '0 0 1 * * *'

@description('File transfer audit schedule (6-field NCRONTAB, UTC). Default: hourly at minute 5.')
param fileTransferAuditSchedule string = '0 5 * * * *'

@description('Event sweeper schedule (6-field NCRONTAB, UTC): queues WeCom events stuck in received. Default: every 5 minutes.')
param eventSweepSchedule string = '0 */5 * * * *'

@description('Minutes a WeCom event may stay received (recorded, not queued) before the sweeper queues it again.')
@minValue(1)
param eventStuckAfterMinutes int = 10

@description('Admin action audit schedule (6-field NCRONTAB, UTC). Default: 02:30 UTC nightly.')
param adminAuditSchedule string = '0 30 2 * * *'

@description('Handover audit schedule (6-field NCRONTAB, UTC). Default: 03:00 UTC nightly.')
param handoverAuditSchedule string = '0 0 3 * * *'

@description('NCRONTAB (UTC) of SendNudges: the daily nudges and the security team\'s action cards (quiet hours, China time, are skipped).')
param nudgeSchedule string = '0 15 * * * *'

@description('Userids of the IT admins nudged about account and handover findings (comma-separated); empty = the security team.')
param itUserIds string = ''

@description('True lets the security team\'s approved actions change WeCom; false records them as dry runs.')
param remediationEnabled bool = false

@description('Comma-separated app names, AgentIds or suite ids the security team approved (admin.app-installed); empty: every app added is a finding.')
param approvedApps string = ''

@description('Days an audit report or an evidence page (audit-reports/evidence/: the member and admin logs kept beyond WeCom\'s 180 days) cannot be changed or deleted (immutability policy on audit-reports, created unlocked). The Cybersecurity Law asks for network logs kept at least six months.')
@minValue(1)
@maxValue(146000)
param auditReportRetentionDays int = 400

@description('Days deleted blobs and containers can be restored.')
@minValue(1)
@maxValue(365)
param blobSoftDeleteDays int = 14

@description('Storage replication.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param storageSkuName string = 'Standard_LRS'

@description('Deploy Azure AI Language for PII detection in file scans.')
param enableLanguage bool = true

@description('Azure AI Language pricing tier.')
@allowed(['F0', 'S'])
param languageSkuName string = 'S'

@description('Azure AI Language REST API version WeCom Guard calls; the default is the code\'s (LanguagePiiOptions.DefaultApiVersion, the newest GA).')
param languageApiVersion string = '2026-05-01'

@description('Largest transferred file scanned, in bytes; larger files are recorded as failed.')
@minValue(1048576)
param scanMaxFileBytes int = 104857600

// Per-file scan memory budget: host.json runs up to 4 scans at once (batchSize 3 + newBatchThreshold 1), and the host and
// worker need about 512 MB (256 MB on the 512 MB size), so 2,048 MB gives 384 MB per scan (the code's default).
var scanMaxMemoryBytes = instanceMemoryMB == 512 ? 67108864 : (instanceMemoryMB - 512) / 4 * 1048576

@description('Wall-clock limit for scanning one file, in seconds.')
@minValue(10)
param scanTimeLimitSeconds int = 120

@description('Route the app\'s outbound traffic through a VNet and a NAT gateway with a static public IP (WeCom 可信IP). Storage, Key Vault and Language then refuse traffic except from the app\'s subnet, operatorIpRanges and trusted Azure services.')
param enableStaticEgressIp bool = false

@description('Public IP ranges (CIDR, e.g. 203.0.113.0/24) let through the storage, Key Vault and Language firewalls with enableStaticEgressIp: whoever deploys, operators running wecomguard, HR uploading the roster.')
param operatorIpRanges string[] = []

@description('Address space of the virtual network (with enableStaticEgressIp).')
param vnetAddressPrefix string = '10.60.0.0/16'

@description('Address range of the function app subnet (with enableStaticEgressIp).')
param appSubnetPrefix string = '10.60.0.0/24'

@description('Most instances the function app scales out to (Elastic Premium: at most 100).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per function app instance (MB; Flex Consumption only).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Function app instances kept warm for the callback endpoints: WeCom abandons a URL check after 1 s and an event after 5 s, longer than a cold start. 0 for none (cheaper; Elastic Premium keeps at least 1).')
@minValue(0)
@maxValue(10)
param alwaysReadyHttpInstances int = 1

@description('Days Log Analytics keeps data.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

@description('Object ID of whoever runs the deployment; gets Key Vault Secrets Officer to write the secrets. Empty for none.')
param deployerPrincipalId string = ''

@description('Type of the deployer principal.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param deployerPrincipalType string = 'User'

@description('Tags for every resource.')
param tags object = {}

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var allTags = union(tags, { application: 'wecom-guard', environment: environmentName })

var names = {
  identity: 'id-wecomguard-${environmentName}'
  storage: take('stwcg${toLower(replace(environmentName, '-', ''))}${token}', 24)
  keyVault: take('kv-wcg-${token}', 24)
  logAnalytics: 'log-wecomguard-${environmentName}'
  appInsights: 'appi-wecomguard-${environmentName}'
  plan: 'plan-wecomguard-${environmentName}'
  functionApp: 'func-wecomguard-${environmentName}-${take(token, 6)}'
  language: 'lang-wecomguard-${environmentName}-${take(token, 6)}'
  vnet: 'vnet-wecomguard-${environmentName}'
  natGateway: 'ng-wecomguard-${environmentName}'
  publicIp: 'pip-wecomguard-${environmentName}'
  systemTopic: 'evgt-wecomguard-${environmentName}'
}

// The same names as functions/WeComGuard.Core/Storage/StorageNames.cs (the infrastructure tests check them).
var storageNames = {
  incomingFilesContainer: 'incoming-files'
  scanReportsContainer: 'scan-reports'
  auditReportsContainer: 'audit-reports'
  auditIndexContainer: 'audit-index'
  hrContainer: 'hr-roster'
  chatArchiveContainer: 'chat-archive'
  weComEventsQueue: 'wecom-events'
  fileScanQueue: 'file-scan'
  poisonSuffix: '-poison'
  tables: [
    'WeComEvents'
    'Members'
    'Departments'
    'GroupChats'
    'GroupMemberships'
    'DirectorySyncRuns'
    'FileScans'
    'Findings'
    'AuditRuns'
    'Notifications'
    'Actions'
    'Waivers'
  ]
}

var deploymentContainerName = 'app-package-${take(token, 8)}'
// Elastic Premium runs the app from this blob; Flex Consumption names its own package blobs.
var packageBlobName = 'wecomguard.zip'
// The Functions host's own containers (locks, timer state, keys), created here so that roles can be scoped to them.
var hostContainerNames = [
  'azure-webjobs-hosts'
  'azure-webjobs-secrets'
]
var isFlex = hostingPlan == 'flex'
var customHost = toLower(trim(callbackHostName))
var bindCustomHost = !empty(customHost) && bindCallbackHostName
// https://<vault>.vault.azure.net/secrets/<name>[/<version>]
var certificateSecretIdParts = split(callbackCertificateSecretId, '/')
var certificateVaultName = empty(callbackCertificateSecretId) ? '' : split(certificateSecretIdParts[2], '.')[0]
var certificateSecretName = empty(callbackCertificateSecretId) ? '' : certificateSecretIdParts[4]
var allowedSubnetId = enableStaticEgressIp ? network!.outputs.appSubnetId : ''
var queueNames = [
  storageNames.weComEventsQueue
  '${storageNames.weComEventsQueue}${storageNames.poisonSuffix}'
  storageNames.fileScanQueue
  '${storageNames.fileScanQueue}${storageNames.poisonSuffix}'
]

// Key Vault secret name for each secret app setting. Secret names allow letters, digits and dashes only.
var fixedSecretNames = {
  WeCom__ContactsSecret: 'wecom-contacts-secret'
  WeCom__CustomerContactSecret: 'wecom-customer-contact-secret'
  WeCom__SecuritySecret: 'wecom-security-secret'
  WeCom__ArchiveSecret: 'wecom-archive-secret'
  WeCom__AppSecret: 'wecom-app-secret'
  Scanning__FingerprintKey: 'scanning-fingerprint-key'
}
var callbackSecretNames = union(
  toObject(callbackApps, app => 'WeCom__Callbacks__${app}__Token', app => 'wecom-callback-${app}-token'),
  toObject(callbackApps, app => 'WeCom__Callbacks__${app}__EncodingAesKey', app => 'wecom-callback-${app}-encoding-aes-key')
)
var secretNames = union(fixedSecretNames, callbackSecretNames)
// VaultName/SecretName form: cloud-independent, and without a version the app always reads the latest secret.
var keyVaultReferences = toObject(
  items(secretNames),
  entry => entry.key,
  entry => '@Microsoft.KeyVault(VaultName=${names.keyVault};SecretName=${entry.value})'
)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: names.identity
  location: location
  tags: allTags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: allTags
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    retentionInDays: logRetentionDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: allTags
    name: names.storage
    skuName: storageSkuName
    containerNames: concat(
      [
        storageNames.incomingFilesContainer
        storageNames.scanReportsContainer
        storageNames.auditReportsContainer
        storageNames.auditIndexContainer
        storageNames.hrContainer
        storageNames.chatArchiveContainer
        deploymentContainerName
      ],
      hostContainerNames
    )
    queueNames: queueNames
    tableNames: storageNames.tables
    immutableContainerName: storageNames.auditReportsContainer
    immutabilityDays: auditReportRetentionDays
    softDeleteDays: blobSoftDeleteDays
    restrictNetwork: enableStaticEgressIp
    allowedSubnetId: allowedSubnetId
    allowedIpRanges: operatorIpRanges
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    tags: allTags
    name: names.keyVault
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    restrictNetwork: enableStaticEgressIp
    allowedSubnetId: allowedSubnetId
    allowedIpRanges: operatorIpRanges
  }
}

module language 'modules/language.bicep' = if (enableLanguage) {
  name: 'language'
  params: {
    location: location
    tags: allTags
    name: names.language
    skuName: languageSkuName
    restrictNetwork: enableStaticEgressIp
    allowedSubnetId: allowedSubnetId
    allowedIpRanges: operatorIpRanges
  }
}

module network 'modules/network.bicep' = if (enableStaticEgressIp) {
  name: 'network'
  params: {
    location: location
    tags: allTags
    vnetName: names.vnet
    natGatewayName: names.natGateway
    publicIpName: names.publicIp
    addressPrefix: vnetAddressPrefix
    appSubnetPrefix: appSubnetPrefix
    delegatedService: isFlex ? 'Microsoft.App/environments' : 'Microsoft.Web/serverFarms'
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    // Role assignment names use the principal ID, which exists only once the identity does (as in the Azure samples):
    // What-If cannot predict those names, but a recreated identity gets new assignments instead of a conflict.
    #disable-next-line what-if-short-circuiting
    appPrincipalId: identity.properties.principalId
    storageAccountName: names.storage
    writableContainerNames: concat(hostContainerNames, [deploymentContainerName])
    appendOnlyContainerNames: [
      storageNames.incomingFilesContainer
      storageNames.scanReportsContainer
      storageNames.auditReportsContainer
      // index.html, overwritten after every run (no delete needed): derived from the tables, so outside the WORM container.
      storageNames.auditIndexContainer
    ]
    readOnlyContainerNames: [
      storageNames.hrContainer
      storageNames.chatArchiveContainer
    ]
    queueNames: queueNames
    keyVaultName: names.keyVault
    appInsightsName: names.appInsights
    languageAccountName: enableLanguage ? names.language : ''
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: deployerPrincipalType
    deployerPackageContainerName: isFlex ? '' : deploymentContainerName
  }
  dependsOn: [
    storage
    keyVault
    monitoring
    language
  ]
}

var appSettings = union(
  {
    // Identity-based host storage: no connection string, no key.
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identity.properties.clientId
    AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
    AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
    AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint
    AZURE_CLIENT_ID: identity.properties.clientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
    WeCom__ApiBaseUrl: weComApiBaseUrl
    WeCom__CorpId: weComCorpId
    WeCom__AppAgentId: weComAppAgentId
    WeCom__RateLimitPerMinute: string(weComRateLimitPerMinute)
    WeCom__MaxPagesPerListing: '10000'
    WeCom__CallbackMaxSkewSeconds: string(callbackMaxSkewSeconds)
    Notifications__SecurityTeamUserIds: securityTeamUserIds
    DirectorySyncSchedule: directorySyncSchedule
    FileTransferAuditSchedule: fileTransferAuditSchedule
    EventSweepSchedule: eventSweepSchedule
    Events__StuckAfterMinutes: string(eventStuckAfterMinutes)
    DirectorySync__ApiParallelism: '16'
    AdminAuditSchedule: adminAuditSchedule
    HandoverAuditSchedule: handoverAuditSchedule
    NudgeSchedule: nudgeSchedule
    Notifications__ItUserIds: itUserIds
    Notifications__EscalationDays: '3'
    Notifications__QuietHours: '21:00-08:00'
    Remediation__Enabled: string(remediationEnabled)
    Remediation__WaiverDays: '30'
    Remediation__DefaultTakeoverUserId: ''
    // Audit thresholds (docs/security-team.md); these are the handbook's defaults.
    Audits__ActivationOverdueDays: '7'
    Audits__NewDeviceLoginThreshold: '3'
    Audits__LoginAfterDepartureDays: '7'
    Audits__OverlapJaccardThreshold: '0.8'
    Audits__OverlapMinMembers: '3'
    Audits__DefaultGroupNames: '群聊,新建群聊,未命名群聊'
    Audits__FileTransferLookbackDays: '14'
    Audits__ApprovedApps: approvedApps
    Audits__AdminLogLookbackDays: '30'
    Audits__AccountSignalWindowDays: '3'
    Audits__MemberLogLookbackDays: '7'
    Audits__HandoverGraceDays: '3'
    Audits__ArchiveRoomLookbackDays: '30'
    Language__Endpoint: enableLanguage ? language!.outputs.endpoint : ''
    Language__ApiVersion: languageApiVersion
    Scanning__MaxFileBytes: string(scanMaxFileBytes)
    Scanning__TimeLimitSeconds: string(scanTimeLimitSeconds)
    Scanning__MaxMemoryBytes: string(scanMaxMemoryBytes)
    Scanning__MaxPdfStreamBytes: '67108864'
    // Equal to host.json's queues maxDequeueCount: the attempt on which a file that keeps failing is recorded as failed.
    Scanning__MaxDequeueCount: '5'
  },
  toObject(callbackApps, app => 'WeCom__Callbacks__${app}__ReceiveId', _ => weComCorpId),
  keyVaultReferences
)

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    tags: allTags
    hostingPlan: hostingPlan
    planName: names.plan
    name: names.functionApp
    identityId: identity.id
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    packageBlobName: packageBlobName
    subnetId: enableStaticEgressIp ? network!.outputs.appSubnetId : ''
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    appSettings: appSettings
  }
  // The app reads storage, Key Vault and telemetry with its identity from its first start.
  dependsOn: [
    rbac
  ]
}

module eventGrid 'modules/eventgrid.bicep' = {
  name: 'eventgrid'
  params: {
    location: location
    tags: allTags
    topicName: names.systemTopic
    storageAccountName: names.storage
    sourceContainerName: storageNames.incomingFilesContainer
    queueName: storageNames.fileScanQueue
  }
  // The queue must exist.
  dependsOn: [
    storage
  ]
}

module callbackDomain 'modules/customdomain.bicep' = if (bindCustomHost) {
  name: 'callback-domain'
  params: {
    location: location
    tags: allTags
    siteName: names.functionApp
    planId: resourceId('Microsoft.Web/serverfarms', names.plan)
    hostName: customHost
    siteScopedCertificate: isFlex
    certificateKeyVaultId: empty(certificateVaultName)
      ? ''
      : resourceId(callbackCertificateVaultResourceGroup, 'Microsoft.KeyVault/vaults', certificateVaultName)
    certificateSecretName: certificateSecretName
  }
  dependsOn: [
    functionApp
  ]
}

output resourceGroupName string = resourceGroup().name
output functionAppName string = functionApp.outputs.name
output functionAppHostName string = functionApp.outputs.defaultHostName
output storageAccountName string = storage.outputs.name
output keyVaultName string = keyVault.outputs.name
@description('Names (not values) of the Key Vault secrets the app settings refer to; scripts/deploy.sh writes them.')
output keyVaultSecretNames string[] = map(items(secretNames), entry => entry.value)
@description('Host name of the callback URLs: the custom one once bound, else the default.')
output callbackHostName string = bindCustomHost ? callbackDomain!.outputs.hostName : functionApp.outputs.defaultHostName
output callbackUrls string[] = map(
  callbackApps,
  app => 'https://${bindCustomHost ? callbackDomain!.outputs.hostName : functionApp.outputs.defaultHostName}/api/wecom/callback/${app}'
)
@description('DNS records to create before binding callbackHostName (type, name, value); empty without callbackHostName.')
output callbackDnsRecords object[] = empty(customHost)
  ? []
  : [
      {
        type: 'CNAME'
        name: customHost
        value: functionApp.outputs.defaultHostName
      }
      {
        type: 'TXT'
        name: 'asuid.${customHost}'
        value: functionApp.outputs.customDomainVerificationId
      }
    ]
output hostingPlan string = hostingPlan
@description('Container (and, on Elastic Premium, the blob) holding the function package.')
output packageContainerName string = deploymentContainerName
output packageBlobName string = isFlex ? '' : packageBlobName
@description('The static egress IP to list as 可信IP in the WeCom admin console; empty without enableStaticEgressIp.')
output egressIp string = enableStaticEgressIp ? network!.outputs.egressIp : ''
output languageEndpoint string = enableLanguage ? language!.outputs.endpoint : ''
output eventSubscriptionName string = eventGrid.outputs.subscriptionName
