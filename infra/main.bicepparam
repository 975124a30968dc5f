// Parameters for scripts/deploy.sh. Values that differ per company come from the environment (see docs/deploy.md);
// edit the rest here. No secrets here: deploy.sh writes them to Key Vault.
using 'main.bicep'

param environmentName = readEnvironmentVariable('WECOMGUARD_ENV', 'prod')
param weComCorpId = readEnvironmentVariable('WECOM_CORP_ID', '')
param weComAppAgentId = readEnvironmentVariable('WECOM_APP_AGENT_ID', '')
param securityTeamUserIds = readEnvironmentVariable('WECOMGUARD_SECURITY_TEAM_USERIDS', '')
param deployerPrincipalId = readEnvironmentVariable('WECOMGUARD_DEPLOYER_OBJECT_ID', '')
param deployerPrincipalType = readEnvironmentVariable('WECOMGUARD_DEPLOYER_TYPE', 'User')
param callbackApps = [
  'contacts'
  'customer'
  'app'
]
param enableLanguage = true
param enableStaticEgressIp = true
param auditReportRetentionDays = 365
