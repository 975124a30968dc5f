// The callback endpoints on the company's own domain (WeCom refuses a callback URL whose domain's ICP filing entity is
// not the company's: 域名主体校验). The DNS records come first (a CNAME to the default host name and the TXT record
// asuid.<name> with the app's verification id; scripts/deploy.sh checks both), then this binding with an SNI
// certificate: an App Service managed certificate on Elastic Premium, or a certificate kept in Key Vault. Flex
// Consumption does not support managed certificates, so it takes a Key Vault certificate as a site certificate.

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Function app name.')
param siteName string

@description('Resource ID of the function app\'s plan (certificates for Elastic Premium belong to its webspace).')
param planId string

@description('The custom host name, e.g. wecom-guard.example.com.cn.')
param hostName string

@description('true: a Flex Consumption app, whose certificates are site certificates.')
param siteScopedCertificate bool

@description('Resource ID of the Key Vault holding the certificate; empty for an App Service managed certificate.')
param certificateKeyVaultId string

@description('Name of the Key Vault secret (the certificate\'s name) holding the PFX; empty for a managed certificate.')
param certificateSecretName string

var managed = empty(certificateKeyVaultId)
var certificateName = '${hostName}-${siteName}'

resource site 'Microsoft.Web/sites@2025-03-01' existing = {
  name: siteName
}

// First without TLS: a managed certificate can only be issued for a host name already bound to the app.
resource binding 'Microsoft.Web/sites/hostNameBindings@2025-03-01' = {
  parent: site
  name: hostName
  properties: {
    siteName: siteName
    hostNameType: 'Verified'
    customHostNameDnsRecordType: 'CName'
    sslState: 'Disabled'
  }
}

resource managedCertificate 'Microsoft.Web/certificates@2025-03-01' = if (managed) {
  name: certificateName
  location: location
  tags: tags
  properties: {
    serverFarmId: planId
    canonicalName: hostName
  }
  dependsOn: [
    binding
  ]
}

resource vaultCertificate 'Microsoft.Web/certificates@2025-03-01' = if (!managed && !siteScopedCertificate) {
  name: certificateName
  location: location
  tags: tags
  properties: {
    serverFarmId: planId
    keyVaultId: certificateKeyVaultId
    keyVaultSecretName: certificateSecretName
  }
}

resource siteCertificate 'Microsoft.Web/sites/certificates@2025-03-01' = if (!managed && siteScopedCertificate) {
  parent: site
  name: certificateName
  location: location
  tags: tags
  properties: {
    keyVaultId: certificateKeyVaultId
    keyVaultSecretName: certificateSecretName
  }
}

// Then the same binding again, now with SNI and the certificate (a resource cannot be declared twice in one template).
module sni 'hostnamessl.bicep' = {
  name: 'callback-host-sni'
  params: {
    siteName: siteName
    hostName: binding.name
    thumbprint: managed
      ? managedCertificate!.properties.thumbprint
      : (siteScopedCertificate ? siteCertificate!.properties.thumbprint : vaultCertificate!.properties.thumbprint)
  }
}

output hostName string = sni.outputs.hostName
