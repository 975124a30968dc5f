// Parameters for scripts/deploy.sh. Values that differ per company come from the environment (see docs/deploy.md);
// edit the rest here. No secrets here: deploy.sh writes them to Key Vault.
using 'main.bicep'

param environmentName = readEnvironmentVariable('WECOMGUARD_ENV', 'prod')
param weComCorpId = readEnvironmentVariable('WECOM_CORP_ID', '')
param weComAppAgentId = readEnvironmentVariable('WECOM_APP_AGENT_ID', '')
param securityTeamUserIds = readEnvironmentVariable('WECOMGUARD_SECURITY_TEAM_USERIDS', '')
param approvedApps = readEnvironmentVariable('WECOMGUARD_APPROVED_APPS', '')
param deployerPrincipalId = readEnvironmentVariable('WECOMGUARD_DEPLOYER_OBJECT_ID', '')
param deployerPrincipalType = readEnvironmentVariable('WECOMGUARD_DEPLOYER_TYPE', 'User')
param hostingPlan = readEnvironmentVariable('WECOMGUARD_HOSTING_PLAN', 'flex')
param callbackHostName = readEnvironmentVariable('WECOMGUARD_CALLBACK_HOST', '')
param bindCallbackHostName = bool(readEnvironmentVariable('WECOMGUARD_BIND_CALLBACK_HOST', 'true'))
param callbackCertificateSecretId = readEnvironmentVariable('WECOMGUARD_CALLBACK_CERTIFICATE_SECRET_ID', '')
// Comma-separated CIDR ranges let through the storage, Key Vault and Language firewalls (deploy.sh adds none itself).
param operatorIpRanges = map(
  filter(split(readEnvironmentVariable('WECOMGUARD_OPERATOR_IP_RANGES', ''), ','), range => !empty(trim(range))),
  range => trim(range)
)
param callbackApps = [
  'contacts'
  'customer'
  'app'
]
param enableLanguage = true
param enableStaticEgressIp = true
param auditReportRetentionDays = 365
