// RosterLink in Azure: one Linux App Service (Node 22 LTS) that serves the API, the bot's
// /api/messages and the tab from a single process, and one Azure Database for PostgreSQL
// Flexible Server. Deployed by `teamsapp provision` (arm/deploy in teamsapp.yml).

@minLength(4)
@maxLength(20)
@description('Lower-case prefix for resource names; a hash of the resource group is appended to keep names globally unique.')
param resourceBaseName string

param location string = resourceGroup().location

@description('App Service plan SKU. B1 is the smallest with Always On; use P0v3 or larger for a whole district.')
param appServicePlanSku string = 'B1'

param aadAppClientId string
@secure()
param aadAppClientSecret string
param aadAppOauthAuthorityHost string = 'https://login.microsoftonline.com'
param botAadAppClientId string
@secure()
param botAadAppClientSecret string
param teamsAppId string

param postgresAdminLogin string = 'rosterlink'
@secure()
@minLength(8)
@description('PostgreSQL administrator password: 8 to 128 characters from three of upper case, lower case, digits and symbols.')
param postgresAdminPassword string
param postgresDatabaseName string = 'rosterlink'
param postgresSkuName string = 'Standard_B1ms'
param postgresSkuTier string = 'Burstable'

var uniqueName = '${resourceBaseName}-${uniqueString(resourceGroup().id)}'

resource appServicePlan 'Microsoft.Web/serverfarms@2022-09-01' = {
  name: uniqueName
  location: location
  kind: 'linux'
  sku: {
    name: appServicePlanSku
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  name: uniqueName
  location: location
  kind: 'app,linux'
  properties: {
    serverFarmId: appServicePlan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      // The deployed folder is dist/ (`npm run build`): compiled JavaScript and the tab's build.
      // Node runs it directly, nothing is transpiled at run time; it listens on $PORT.
      appCommandLine: 'node --disable-warning=DEP0111 main.js'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/api/health'
    }
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: uniqueName
  location: location
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: postgresDatabaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// 0.0.0.0–0.0.0.0 is Azure's convention for "connections from Azure services", which lets the
// App Service reach the server without a virtual network. Connections still need TLS and the password.
resource postgresAllowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

var publicHost = webApp.properties.defaultHostName

// A separate resource so the settings can name the app's own host (TAB_DOMAIN).
resource webAppSettings 'Microsoft.Web/sites/config@2022-09-01' = {
  parent: webApp
  name: 'appsettings'
  properties: {
    // App Service installs node_modules on Linux during zip deployment: `npm install --production`
    // of dist/package.json, which lists no devDependencies and no build script (nothing builds here).
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
    // App Service terminates TLS and sets X-Forwarded-For; the rate limits read the client address from it.
    TRUST_PROXY: 'true'
    LOG_LEVEL: 'info'
    AAD_APP_CLIENT_ID: aadAppClientId
    SECRET_AAD_APP_CLIENT_SECRET: aadAppClientSecret
    AAD_APP_OAUTH_AUTHORITY_HOST: aadAppOauthAuthorityHost
    BOT_ID: botAadAppClientId
    SECRET_BOT_PASSWORD: botAadAppClientSecret
    TEAMS_APP_ID: teamsAppId
    TAB_DOMAIN: publicHost
    TAB_ENDPOINT: 'https://${publicHost}'
    // pg verifies the server certificate against Node's CA store (Azure's roots are in it).
    DATABASE_URL: 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${postgresDatabase.name}?sslmode=verify-full'
  }
  dependsOn: [
    postgresAllowAzure
  ]
}

output TAB_DOMAIN string = publicHost
output TAB_ENDPOINT string = 'https://${publicHost}'
output BOT_DOMAIN string = publicHost
output BOT_ENDPOINT string = 'https://${publicHost}'
output APP_SERVICE_RESOURCE_ID string = webApp.id
output POSTGRES_SERVER_FQDN string = postgres.properties.fullyQualifiedDomainName
