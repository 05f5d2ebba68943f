// Seatwise in Azure: one Linux App Service (Node 22 LTS) that serves the bot (/api/messages), the REST API (/api/*)
// and the tab (/tab), running as a user-assigned managed identity; an Azure Bot with the Teams channel that
// authenticates as that identity; and a Storage account whose tables the identity reaches through Entra ID (RBAC),
// with shared-key access turned off. No secret is created or stored anywhere.
//
// Deployed by the `arm/deploy` step of m365agents.yml (`atk provision --env dev`); parameters come from
// azure.parameters.json, whose ${{...}} placeholders the Agents Toolkit fills from env/.env.<environment>.
//
// Shape follows the Microsoft 365 Agents Toolkit "basic bot" template
// (OfficeDev/microsoft-365-agents-toolkit: templates/vsc/ts/default-bot/infra/azure.bicep): parameter names,
// the user-assigned identity, the serverfarm + site pair, the bot registration module and the outputs written back
// to env/. Where this file differs (Linux plan, storage, role assignment, hardening), the comment says why.

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file, e.g. "seatwise" + RESOURCE_SUFFIX.')
param resourceBaseName string

@description('App Service plan SKU. B1 or higher: alwaysOn is not available on the Free and Shared tiers.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
  'P3v3'
])
param webAppSku string = 'B1'

@description('Azure Bot pricing tier. F0 is free for the standard channels, Microsoft Teams included.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@maxLength(42)
@description('Name of the bot as shown in the Azure portal.')
param botDisplayName string

@description('Client id of the Entra app registration the tab uses for SSO (aadApp/create writes it to AAD_APP_CLIENT_ID). The server accepts tab tokens issued for this audience.')
param aadAppClientId string

@description('Comma-separated Entra tenant ids whose users may use Seatwise. Empty means only the tenant this is deployed into.')
param allowedTenantIds string = ''

@description('Storage redundancy for the booking tables.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
])
param storageSku string = 'Standard_LRS'

param location string = resourceGroup().location

// Web app names are global (<name>.azurewebsites.net) and storage account names are global, lower-case and at most
// 24 letters and digits; a hash of the resource group keeps two organisations that both keep the default suffix
// from colliding. The template uses resourceBaseName as is.
var uniqueSuffix = uniqueString(resourceGroup().id, resourceBaseName)
var identityName = resourceBaseName
var serverfarmsName = resourceBaseName
var webAppName = '${resourceBaseName}-${uniqueSuffix}'
var storageAccountName = take(toLower('st${replace(resourceBaseName, '-', '')}${uniqueSuffix}'), 24)
var effectiveAllowedTenantIds = empty(allowedTenantIds) ? tenant().tenantId : allowedTenantIds

// "Storage Table Data Contributor": read, write and delete tables and entities, nothing else (no keys, no blobs).
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

// Template: the user-assigned identity of the basic-bot template. It is the bot's Microsoft App ID and the app's
// credential for Table Storage.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  location: location
  name: identityName
}

// Template: the serverfarm of the basic-bot template, made Linux (kind 'linux', reserved: true) as in the toolkit's
// Linux (Python) bot templates, because the site runs on the 'NODE|22-lts' Linux stack.
resource serverfarm 'Microsoft.Web/serverfarms@2023-12-01' = {
  kind: 'linux'
  location: location
  name: serverfarmsName
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true
  }
}

// Template: the web app of the basic-bot template (alwaysOn, httpsOnly, run-from-package, the identity attached),
// on Linux with Node 22 LTS, TLS 1.2 minimum and FTP(S) disabled. The app settings are the ones
// src/server/config.ts reads (see DESIGN.md, "Configuration").
resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  kind: 'app,linux'
  location: location
  name: webAppName
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'npm run start:prod'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      appSettings: [
        {
          // Template: the deploy stage builds locally (npm ci, npm run build) and zip-deploys the result, which
          // App Service mounts read-only; no second build on the server.
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false'
        }
        {
          // Template (basic-tab uses ~22). Only Windows plans read it; on Linux linuxFxVersion picks Node 22.
          name: 'WEBSITE_NODE_DEFAULT_VERSION'
          value: '~22'
        }
        {
          name: 'RUNNING_ON_AZURE'
          value: '1'
        }
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          name: 'AUTH_MODE'
          value: 'entra'
        }
        {
          // The server listens on loopback unless told otherwise; App Service reaches it on the container's address.
          name: 'HOST'
          value: '0.0.0.0'
        }
        {
          // The tables, reached with the managed identity; there is no connection string and no account key.
          name: 'AZURE_TABLES_ENDPOINT'
          value: 'https://${storage.name}.table.${environment().suffixes.storage}'
        }
        {
          // Picks the user-assigned identity for @azure/identity's ManagedIdentityCredential.
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'BOT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'BOT_TYPE'
          value: 'UserAssignedMsi'
        }
        {
          name: 'BOT_TENANT_ID'
          value: tenant().tenantId
        }
        {
          name: 'AAD_CLIENT_ID'
          value: aadAppClientId
        }
        {
          name: 'ALLOWED_TENANT_IDS'
          value: effectiveAllowedTenantIds
        }
      ]
    }
  }
}

// Not in the templates (they keep no app data): the booking store. Entra-only access: shared keys are off, so
// there is no connection string to leak; public blob access is off; HTTPS and TLS 1.2 only.
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    accessTier: 'Hot'
  }
}

// The table service. The server creates its tables (prefix SEATWISE_TABLE_PREFIX, default "seatwise") at start-up,
// which the role below allows, so the table names live in one place: src/server/storage-factory.ts.
resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// Not in the templates: the identity may read and write the tables of this account, and nothing else.
// Deploying it needs Owner, User Access Administrator or Role Based Access Control Administrator on the group.
resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Template: the bot registration module of the basic-bot template (Azure Bot, msaAppType UserAssignedMSI,
// Teams channel), with the SKU as a parameter.
module azureBotRegistration './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    resourceBaseName: resourceBaseName
    // Bot handles are global too, so the bot takes the web app's unique name.
    botServiceName: webAppName
    botServiceSku: botSku
    identityClientId: identity.properties.clientId
    identityResourceId: identity.id
    identityTenantId: identity.properties.tenantId
    botAppDomain: webApp.properties.defaultHostName
    botDisplayName: botDisplayName
  }
}

// The outputs are written to env/.env.<environment> by the toolkit (https://aka.ms/teamsfx-actions/arm-deploy) and
// fill the ${{...}} placeholders of appPackage/manifest.json and infra/aad.manifest.json. The bot, the API and the
// tab share one host, so the bot and tab domains are the same.
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output TAB_DOMAIN string = webApp.properties.defaultHostName
output TAB_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output AZURE_WEB_APP_RESOURCE_ID string = webApp.id
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.name
output AZURE_TABLES_ENDPOINT string = 'https://${storage.name}.table.${environment().suffixes.storage}'
