// The Azure Bot registration: Bot Framework sends Teams activities to https://<web app>/api/messages and accepts the
// bot's replies authenticated as the web app's user-assigned managed identity (msaAppType 'UserAssignedMSI'), so
// the bot has no password.
//
// Follows the Microsoft 365 Agents Toolkit "basic bot" template's module
// (templates/vsc/ts/default-bot/infra/botRegistration/azurebot.bicep), with the SKU passed in by azure.bicep.

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@maxLength(42)
param botDisplayName string

param botServiceName string = resourceBaseName

@allowed([
  'F0'
  'S1'
])
param botServiceSku string = 'F0'

@description('Client id of the user-assigned managed identity: the bot\'s Microsoft App ID.')
param identityClientId string

@description('Resource id of the user-assigned managed identity.')
param identityResourceId string

@description('Tenant of the user-assigned managed identity.')
param identityTenantId string

@description('Host name of the web app that serves /api/messages.')
param botAppDomain string

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  kind: 'azurebot'
  location: 'global'
  name: botServiceName
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botAppDomain}/api/messages'
    msaAppId: identityClientId
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: identityTenantId
    msaAppType: 'UserAssignedMSI'
  }
}

// Connect the bot to Microsoft Teams.
resource botServiceMsTeamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  location: 'global'
  name: 'MsTeamsChannel'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}
