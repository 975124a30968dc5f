// Blob-created events under the incoming-files container go to the file-scan queue, delivered with the system
// topic's own system-assigned identity (no storage key or SAS in the subscription). A system-assigned identity is what
// a storage firewall lets through as a trusted service, and it may only send to the one queue.

@description('Azure region (the storage account\'s).')
param location string

@description('Tags for every resource.')
param tags object

@description('System topic name.')
param topicName string

@description('Storage account that raises the events and holds the queue.')
param storageAccountName string

@description('Container whose new blobs are scanned.')
param sourceContainerName string

@description('Queue that receives one message per new blob.')
param queueName string

// Storage Queue Data Message Sender: add messages, nothing else.
var queueMessageSender = 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName

  resource queueService 'queueServices' existing = {
    name: 'default'

    resource queue 'queues' existing = {
      name: queueName
    }
  }
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: topicName
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource sender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::queueService::queue.id, topic.id, queueMessageSender)
  scope: storage::queueService::queue
  properties: {
    principalId: topic.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', queueMessageSender)
  }
}

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: '${sourceContainerName}-to-${queueName}'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${sourceContainerName}/blobs/'
      isSubjectCaseSensitive: true
    }
    deliveryWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      destination: {
        endpointType: 'StorageQueue'
        properties: {
          resourceId: storage.id
          queueName: queueName
          // Never expire: a scan waits in the queue (or its poison queue) until it is done, however long that takes.
          queueMessageTimeToLiveInSeconds: -1
        }
      }
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
  // Delivery checks the role when the subscription is created.
  dependsOn: [
    sender
  ]
}

output topicName string = topic.name
output subscriptionName string = subscription.name
