// Turns on SNI TLS for a host name already bound to the function app, with the given certificate.

@description('Function app name.')
param siteName string

@description('The bound custom host name.')
param hostName string

@description('Thumbprint of the certificate for the host name.')
param thumbprint string

resource site 'Microsoft.Web/sites@2025-03-01' existing = {
  name: siteName
}

resource binding 'Microsoft.Web/sites/hostNameBindings@2025-03-01' = {
  parent: site
  name: hostName
  properties: {
    siteName: siteName
    hostNameType: 'Verified'
    customHostNameDnsRecordType: 'CName'
    sslState: 'SniEnabled'
    thumbprint: thumbprint
  }
}

output hostName string = binding.name
