// Well-known Entra applications (resources a Conditional Access policy can target), by Latch name, with
// their application (client) ids. Data only: facts taken from the sources named above each block.
//
// Source keys used in the comments below:
//   [FP]  MicrosoftDocs/SupportArticles-docs support/entra/entra-id/governance/verify-first-party-apps-sign-in.md
//         (commit 0d3f7df548cd71a22db472afbe5edffb29319976) = https://learn.microsoft.com/troubleshoot/entra/
//         entra-id/governance/verify-first-party-apps-sign-in ("Application IDs of commonly used Microsoft
//         applications" and "Microsoft tenant-owned applications" tables)
//   [MI]  merill/microsoft-info _info/MicrosoftApps.csv (commit 00608132282b49553597537d8547737730d45dee): daily
//         export of service principals owned by Microsoft's tenants (Source "Graph"), plus rows parsed from [FP]
//         (Source "Learn") and community rows (Source "GitHub", marked "[Community Contributed]")
//   [TR]  "Conditional Access: Target resources", learn.microsoft.com/entra/identity/conditional-access/
//         concept-conditional-access-cloud-apps (stored copy, ms.date 2026-03-24; older text in MicrosoftDocs/
//         entra-docs docs/identity/conditional-access/concept-conditional-access-cloud-apps.md)
//   [O365] MicrosoftDocs/entra-docs docs/identity/conditional-access/reference-office-365-application-contents.md
//         (commit 0325f22a9f4f96b55ffd83ce672b3b43265bb1f8) "Apps included in Conditional Access Office 365 app
//         suite" (names only, no ids: a member below is listed only when its display name is on that page and its
//         id is sourced from [FP] or [MI])
//   [CAE] /work/shared/LANGUAGE.md §5 (Microsoft's CAE documentation): Exchange Online, SharePoint Online,
//         Microsoft Teams and Microsoft Graph are CAE-capable
//   [CORPUS] /work/shared/corpus (real policy exports that target the id)

import { deepFreeze } from './freeze.js';

/** A well-known application, or an app grouping ("suite") that Graph accepts as a special value. */
export interface WellKnownApp {
  /** Latch identifier (PascalCase). */
  readonly name: string;
  /** What Entra shows (the service principal display name, or the suite's name in the portal). */
  readonly displayName: string;
  /** Application (client) id as a lower-case GUID; for suites the Graph special value (`Office365`, …). */
  readonly id: string;
  /** Suites only: the NAMES of the member apps. */
  readonly members?: string[];
  /** True when the resource supports continuous access evaluation (critical events revoke sessions at once). */
  readonly caeCapable?: boolean;
}

/** Members of the Office 365 suite, by Latch name ([O365]; every entry is defined below). */
const OFFICE_365_MEMBERS = (): string[] => [
  'ExchangeOnline',
  'SharePointOnline',
  'MicrosoftTeams',
  'MicrosoftTeamsClient',
  'MicrosoftTeamsWebClient',
  'MicrosoftTeamsTeamsAndChannelsService',
  'MicrosoftTeamsChatAggregator',
  'MicrosoftTeamsGraphService',
  'MicrosoftTeamsMailhook',
  'MicrosoftTeamsRetailService',
  'MicrosoftTeamsTargetingApplication',
  'MicrosoftTeamsUIS',
  'AppStudioForMicrosoftTeams',
  'TeamsCMDServicesArtifacts',
  'SkypeAndTeamsTenantAdminAPI',
  'SkypeForBusiness',
  'SkypeForBusinessOnline',
  'SkypePresenceService',
  'Office365Portal',
  'VivaEngage',
  'MicrosoftForms',
  'Planner',
  'MicrosoftStreamPortal',
  'MicrosoftStreamService',
  'MicrosoftWhiteboardServices',
  'MicrosoftVisioDataVisualizer',
  'MicrosoftOffice',
  'OfficeCom',
  'OfficeHome',
  'OfficeDelve',
  'OfficeHive',
  'OneDrive',
  'OneDriveSyncEngine',
  'OneNote',
  'OneOutlookWeb',
  'Sway',
  'PowerAppsService',
  'MicrosoftFlowPortal',
  'ExchangeOnlineProtection',
  'Office365SearchService',
  'O365SuiteUX',
  'Office365ShellWCSSClient',
  'OfficeClientService',
  'OfficeServicesManager',
  'OfficeOnlineAddInSSO',
  'OfficeOnlineCoreSSO',
  'OfficeScriptsService',
  'OfficeShreddingService',
  'OCPSCheckinService',
  'SharePointHome',
  'SharePointOnlineWebClientExtensibility',
  'SharePointOnlineWebClientExtensibilityIsolated',
  'MicrosoftPeopleCardsService',
  'MicrosoftInformationProtectionAPI',
  'MicrosoftDiscoveryService',
  'M365AdminServices',
  'Connectors',
  'CallRecorder',
  'IC3Gateway',
  'EDUAssignments',
  'ReplyAtMention',
  'TargetedMessagingService',
];

export const WELL_KNOWN_APPS: readonly WellKnownApp[] = deepFreeze([
  // --- Suites: Graph special values of includeApplications / excludeApplications --------------------------
  // Office365: [TR] "Office 365" section + [O365] member list.
  { name: 'Office365', displayName: 'Office 365', id: 'Office365', members: OFFICE_365_MEMBERS() },
  // MicrosoftAdminPortals: [TR] "The following applications comprise the Microsoft Admin Portals: Exchange Admin
  // Center 497effe9-…, Azure portal c44b4083-…, Microsoft Office 365 Portal 00000006-…, Microsoft 365 Security And
  // Compliance Center (Protection Center) 80ccca67-…". The Azure portal app also covers the Microsoft Entra admin
  // center ([TR], Windows Azure Service Management API section).
  {
    name: 'MicrosoftAdminPortals',
    displayName: 'Microsoft Admin Portals',
    id: 'MicrosoftAdminPortals',
    members: ['ExchangeAdminCenter', 'AzurePortal', 'Office365Portal', 'Microsoft365SecurityAndComplianceCenter'],
  },

  // --- Core workloads and directory resources --------------------------------------------------------------
  // Ids: [FP] and [MI]; CAE flags: [CAE]. Exchange Online and SharePoint Online are also in [CORPUS]
  // (AlexFilipin 209 token protection, j0eyv CA006).
  { name: 'ExchangeOnline', displayName: 'Office 365 Exchange Online', id: '00000002-0000-0ff1-ce00-000000000000', caeCapable: true },
  { name: 'SharePointOnline', displayName: 'Office 365 SharePoint Online', id: '00000003-0000-0ff1-ce00-000000000000', caeCapable: true },
  { name: 'MicrosoftTeams', displayName: 'Microsoft Teams Services', id: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe', caeCapable: true },
  // Microsoft Graph is an umbrella resource, not directly targetable in CA ([TR]); kept for What If / CAE.
  { name: 'MicrosoftGraph', displayName: 'Microsoft Graph', id: '00000003-0000-0000-c000-000000000000', caeCapable: true },
  // Azure AD Graph: targetable only through All resources or an application filter ([TR]).
  { name: 'WindowsAzureActiveDirectory', displayName: 'Windows Azure Active Directory', id: '00000002-0000-0000-c000-000000000000' },
  // [FP], [MI], [CORPUS] (AlexFilipin 104-108, Claus Jespersen CA505/CA702).
  { name: 'AzureManagement', displayName: 'Windows Azure Service Management API', id: '797f4846-ba00-4fd7-ba43-dac1f8f63013' },

  // --- Microsoft Admin Portals members ([TR] for the grouping; names [FP] / [MI]) -----------------------
  { name: 'AzurePortal', displayName: 'Azure Portal', id: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c' },
  { name: 'ExchangeAdminCenter', displayName: 'Exchange Admin Center', id: '497effe9-df71-4043-a8bb-14cf78c4b63b' },
  // Also an Office 365 suite member ([O365] lists "Microsoft Office 365 Portal").
  { name: 'Office365Portal', displayName: 'Microsoft Office 365 Portal', id: '00000006-0000-0ff1-ce00-000000000000' },
  { name: 'Microsoft365SecurityAndComplianceCenter', displayName: 'Microsoft 365 Security and Compliance Center', id: '80ccca67-54bd-44ab-8625-4b79c4dc7775' },

  // --- Other Office 365 suite members ([O365] names; ids [FP] unless marked [MI]) ------------------------
  // Microsoft Teams family ("Microsoft Teams" is the Teams client app; the resource is Microsoft Teams Services).
  { name: 'MicrosoftTeamsClient', displayName: 'Microsoft Teams', id: '1fec8e78-bce4-4aaf-ab1b-5451cc387264' },
  { name: 'MicrosoftTeamsWebClient', displayName: 'Microsoft Teams Web Client', id: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346' },
  { name: 'MicrosoftTeamsTeamsAndChannelsService', displayName: 'Microsoft Teams - Teams And Channels Service', id: 'b55b276d-2b09-4ad2-8de5-f09cf24ffba9' }, // [MI]
  { name: 'MicrosoftTeamsChatAggregator', displayName: 'Microsoft Teams Chat Aggregator', id: 'b1379a75-ce5e-4fa3-80c6-89bb39bf646c' }, // [MI]
  { name: 'MicrosoftTeamsGraphService', displayName: 'Microsoft Teams Graph Service', id: 'ab3be6b7-f5df-413d-ac2d-abf1e3fd9c0b' }, // [MI]
  { name: 'MicrosoftTeamsMailhook', displayName: 'Microsoft Teams Mailhook', id: '51133ff5-8e0d-4078-bcca-84fb7f905b64' }, // [MI]
  { name: 'MicrosoftTeamsRetailService', displayName: 'Microsoft Teams Retail Service', id: '75efb5bc-18a1-4e7b-8a66-2ad2503d79c6' }, // [MI]
  { name: 'MicrosoftTeamsTargetingApplication', displayName: 'Microsoft Teams Targeting Application', id: '8e14e873-35ba-4720-b787-0bed94370b17' }, // [MI]
  { name: 'MicrosoftTeamsUIS', displayName: 'Microsoft Teams UIS', id: '1996141e-2b07-4491-927a-5a024b335c78' }, // [MI]
  { name: 'AppStudioForMicrosoftTeams', displayName: 'App Studio for Microsoft Teams', id: 'e1979c22-8b73-4aed-a4da-572cc4d0b832' }, // [MI]
  { name: 'TeamsCMDServicesArtifacts', displayName: 'Teams CMD Services Artifacts', id: '6bc3b958-689b-49f5-9006-36d165f30e00' }, // [MI]
  { name: 'SkypeAndTeamsTenantAdminAPI', displayName: 'Skype and Teams Tenant Admin API', id: '48ac35b8-9aa8-4d74-927d-1f4a14a0b239' }, // [MI]
  { name: 'SkypeForBusiness', displayName: 'Skype for Business', id: '7557eb47-c689-4224-abcf-aef9bd7573df' }, // [MI]
  { name: 'SkypeForBusinessOnline', displayName: 'Skype for Business Online', id: '00000004-0000-0ff1-ce00-000000000000' },
  { name: 'SkypePresenceService', displayName: 'Skype Presence Service', id: '1e70cd27-4707-4589-8ec5-9bd20c472a46' }, // [MI]
  // Collaboration and productivity apps.
  { name: 'VivaEngage', displayName: 'Viva Engage (formerly Yammer)', id: '00000005-0000-0ff1-ce00-000000000000' },
  { name: 'MicrosoftForms', displayName: 'Microsoft Forms', id: 'c9a559d2-7aab-4f13-a6ed-e7e9c52aec87' },
  // Planner's service principal is named ProjectWorkManagement ([MI]); [O365] lists ProjectWorkManagement.
  { name: 'Planner', displayName: 'ProjectWorkManagement', id: '09abbdfd-ed23-44ee-a2d9-a627aa1c90f3' }, // [MI]
  { name: 'MicrosoftStreamPortal', displayName: 'Microsoft Stream Portal', id: 'cf53fce8-def6-4aeb-8d30-b158e7b1cf83' },
  { name: 'MicrosoftStreamService', displayName: 'Microsoft Stream Service', id: '2634dd23-5e5a-431c-81ca-11710d9079f4' }, // [MI]
  { name: 'MicrosoftWhiteboardServices', displayName: 'Microsoft Whiteboard Services', id: '95de633a-083e-42f5-b444-a4295d8e9314' },
  { name: 'MicrosoftVisioDataVisualizer', displayName: 'Microsoft Visio Data Visualizer', id: '00695ed2-3202-4156-8da1-69f60065e255' }, // [MI]
  { name: 'MicrosoftOffice', displayName: 'Microsoft Office', id: 'd3590ed6-52b3-4102-aeff-aad2292ab01c' },
  { name: 'OfficeCom', displayName: 'Office.com', id: '4b233688-031c-404b-9a80-a4f3f2351f90' },
  { name: 'OfficeHome', displayName: 'OfficeHome', id: '4765445b-32c6-49b0-83e6-1d93765276ca' },
  { name: 'OfficeDelve', displayName: 'Office Delve', id: '94c63fef-13a3-47bc-8074-75af8c65887a' },
  { name: 'OfficeHive', displayName: 'Office Hive', id: '166f1b03-5b19-416f-a94b-1d7aa2d247dc' }, // [MI]
  // OneDrive: [MI] community-contributed row (Source "GitHub").
  { name: 'OneDrive', displayName: 'OneDrive', id: 'b26aadf8-566f-4478-926f-589f601d9c74' },
  { name: 'OneDriveSyncEngine', displayName: 'OneDrive SyncEngine', id: 'ab9b8c07-8f02-4f72-87fa-80105867a763' },
  { name: 'OneNote', displayName: 'OneNote', id: '2d4d3d8e-2be3-4bef-9f87-7875a61c29de' },
  { name: 'OneOutlookWeb', displayName: 'One Outlook Web', id: '9199bf20-a13f-4107-85dc-02114787ef48' }, // [MI]
  { name: 'Sway', displayName: 'Sway', id: '905fcf26-4eb7-48a0-9ff0-8dcc7194b5ba' },
  { name: 'PowerAppsService', displayName: 'PowerApps Service', id: '475226c6-020e-4fb2-8a90-7a972cbfc1d4' }, // [MI]
  { name: 'MicrosoftFlowPortal', displayName: 'Microsoft Flow Portal', id: '6204c1d1-4712-4c46-a7d9-3ed63d992682' }, // [MI]
  // Platform services of the suite.
  { name: 'ExchangeOnlineProtection', displayName: 'Microsoft Exchange Online Protection', id: '00000007-0000-0ff1-ce00-000000000000' },
  { name: 'Office365SearchService', displayName: 'Office 365 Search Service', id: '66a88757-258c-4c72-893c-3e8bed4d6899' },
  { name: 'O365SuiteUX', displayName: 'O365 Suite UX', id: '4345a7b9-9a63-4910-a426-35363201d503' },
  { name: 'Office365ShellWCSSClient', displayName: 'Office365 Shell WCSS-Client', id: '89bee1f7-5e6e-4d8a-9f3d-ecd601259da7' },
  { name: 'OfficeClientService', displayName: 'OfficeClientService', id: '0f698dd4-f011-4d23-a33e-b36416dcb1e6' },
  { name: 'OfficeServicesManager', displayName: 'OfficeServicesManager', id: '9e4a5442-a5c9-4f6f-b03f-5b9fcaaf24b1' }, // [MI]
  { name: 'OfficeOnlineAddInSSO', displayName: 'Office Online Add-in SSO', id: '93d53678-613d-4013-afc1-62e9e444a0a5' },
  { name: 'OfficeOnlineCoreSSO', displayName: 'Office Online Core SSO', id: '243c63a3-247d-41c5-9d83-7788c43f1c43' },
  { name: 'OfficeScriptsService', displayName: 'Office Scripts Service', id: '62fd1447-0ef3-4ab7-a956-7dd05232ecc1' }, // [MI]
  { name: 'OfficeShreddingService', displayName: 'Office Shredding Service', id: 'b97b6bd4-a49f-4a0c-af18-af507d1da76c' }, // [MI]
  { name: 'OCPSCheckinService', displayName: 'OCPS Checkin Service', id: '23c898c1-f7e8-41da-9501-f16571f8d097' }, // [MI]
  { name: 'SharePointHome', displayName: 'Microsoft SharePoint Online - SharePoint Home', id: 'dcad865d-9257-4521-ad4d-bae3e137b345' }, // [MI]
  { name: 'SharePointOnlineWebClientExtensibility', displayName: 'SharePoint Online Web Client Extensibility', id: '08e18876-6177-487e-b8b5-cf950c1e598c' },
  { name: 'SharePointOnlineWebClientExtensibilityIsolated', displayName: 'SharePoint Online Web Client Extensibility Isolated', id: '3bc2296e-aa22-4ed2-9e1e-946d05afa6a2' }, // [MI]
  { name: 'MicrosoftPeopleCardsService', displayName: 'Microsoft People Cards Service', id: '394866fc-eedb-4f01-8536-3ff84b16be2a' }, // [MI]
  { name: 'MicrosoftInformationProtectionAPI', displayName: 'Microsoft Information Protection API', id: '40775b29-2688-46b6-a3b5-b256bd04df9f' }, // [MI]
  { name: 'MicrosoftDiscoveryService', displayName: 'Microsoft Discovery Service', id: '6f82282e-0070-4e78-bc23-e6320c5fa7de' }, // [MI]
  { name: 'M365AdminServices', displayName: 'M365 Admin Services', id: '6b91db1b-f05b-405a-a0b2-e3f60b28d645' }, // [MI]
  { name: 'Connectors', displayName: 'Connectors', id: '48af08dc-f6d2-435f-b2a7-069abd99c086' }, // [MI]
  { name: 'CallRecorder', displayName: 'Call Recorder', id: '4580fd1d-e5a3-4f56-9ad1-aab0e3bf8f76' }, // [MI]
  { name: 'IC3Gateway', displayName: 'IC3 Gateway', id: '39aaf054-81a5-48c7-a4f8-0293012095b9' }, // [MI]
  { name: 'EDUAssignments', displayName: 'EDU Assignments', id: '8f348934-64be-4bb2-bc16-c54c96789f43' }, // [MI]
  { name: 'ReplyAtMention', displayName: 'Reply-At-Mention', id: '18f36947-75b0-49fb-8d1c-29584a55cac5' }, // [MI]
  { name: 'TargetedMessagingService', displayName: 'Targeted Messaging Service', id: '4c4f550b-42b2-4a16-93f9-fdb9e01bb6ed' }, // [MI]

  // --- Intune and device management ------------------------------------------------------------------------
  // [MI]; Intune and Intune Enrollment also [CORPUS] (j0eyv CA203/CA205/CA208, Claus Jespersen CA100/CA200).
  { name: 'Intune', displayName: 'Microsoft Intune', id: '0000000a-0000-0000-c000-000000000000' },
  { name: 'IntuneEnrollment', displayName: 'Microsoft Intune Enrollment', id: 'd4ebce55-015a-49b5-a083-c84d1797ae8c' },
  { name: 'IntuneWebCompanyPortal', displayName: 'Microsoft Intune Web Company Portal', id: '74bcdadc-2fdc-4bb3-8459-76d06952a0e9' }, // [FP]
  { name: 'IntuneWindowsAgent', displayName: 'Microsoft Intune Windows Agent', id: 'fc0f3af4-6835-4174-b806-f7db311fd2f3' }, // [FP]
  { name: 'DeviceRegistrationService', displayName: 'Device Registration Service', id: '01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9' },

  // --- Windows, remote desktop and Cloud PC ([MI]) -----------------------------------------------------------
  { name: 'AzureVirtualDesktop', displayName: 'Azure Virtual Desktop', id: '9cdead84-a844-4324-93f2-b2e6bb768d07' },
  { name: 'MicrosoftRemoteDesktop', displayName: 'Microsoft Remote Desktop', id: 'a4a365df-50f1-4397-bc59-1a1564b8bb9c' },
  { name: 'WindowsCloudLogin', displayName: 'Windows Cloud Login', id: '270efc09-cd0d-444b-a71f-39af4910ec45' },
  { name: 'Windows365', displayName: 'Windows 365', id: '0af06dc6-e4b5-4f28-818e-e78e62d137a5' },
  { name: 'AzureWindowsVMSignIn', displayName: 'Azure Windows VM Sign-In', id: '372140e0-b3b7-4226-8ef9-d57986796201' },
  { name: 'AzureLinuxVMSignIn', displayName: 'Azure Linux VM Sign-In', id: 'ce6ff14a-7fdc-4685-bbe0-f6afdfcfa8e0' },
  // [MI] community-contributed row.
  { name: 'WindowsSignIn', displayName: 'Windows Sign In', id: '38aa3b87-a06d-4817-b275-7a316988d93b' },

  // --- Identity and end-user portals -------------------------------------------------------------------------
  // My Apps: [MI] and [CORPUS] (j0eyv CA401, Claus Jespersen CA404/CA505 exclude it for guests).
  { name: 'MyApps', displayName: 'My Apps', id: '2793995e-0a7d-40d7-bd35-6968ba142197' },
  { name: 'MyProfile', displayName: 'My Profile', id: '8c59ead7-d703-4a27-9e55-c96a0054c8d2' }, // [MI]
  { name: 'MyStaff', displayName: 'My Staff', id: 'ba9ff945-a723-4ab5-a977-bd8c9044fe61' }, // [MI]
  { name: 'MicrosoftAppAccessPanel', displayName: 'Microsoft App Access Panel', id: '0000000c-0000-0000-c000-000000000000' }, // [FP]
  { name: 'MicrosoftPasswordResetService', displayName: 'Microsoft password reset service', id: '93625bc8-bfe2-437a-97e0-3d0060024faa' }, // [FP]
  { name: 'MicrosoftAuthenticationBroker', displayName: 'Microsoft Authentication Broker', id: '29d9ed98-a469-4536-ade2-f981bc1d605e' }, // [FP]
  // [MI] community-contributed row (client app of the Authenticator).
  { name: 'MicrosoftAuthenticator', displayName: 'Microsoft Authenticator App', id: '4813382a-8fa7-425e-ab75-3b753aab3abb' },

  // --- Administration and developer tools --------------------------------------------------------------------
  // Graph Command Line Tools and Graph Explorer: [FP] "Microsoft tenant-owned applications"; Graph CLI also
  // [CORPUS] (j0eyv CA105 excludes it).
  { name: 'GraphCommandLineTools', displayName: 'Microsoft Graph Command Line Tools', id: '14d82eec-204b-4c2f-b7e8-296a70dab67e' },
  { name: 'GraphExplorer', displayName: 'Graph Explorer', id: 'de8bc8b5-d9f9-48b1-a8ad-b748da725064' },
  { name: 'AzureCLI', displayName: 'Microsoft Azure CLI', id: '04b07795-8ddb-461a-bbee-02f9e1bf7b46' }, // [FP]
  { name: 'AzurePowerShell', displayName: 'Microsoft Azure PowerShell', id: '1950a258-227b-4e31-a9cf-717495945fc2' }, // [FP]
  { name: 'AzureADPowerShell', displayName: 'Azure Active Directory PowerShell', id: '1b730954-1685-4b74-9bfd-dac224a7b894' }, // [MI]
  { name: 'ExchangeRESTAPIBasedPowershell', displayName: 'Microsoft Exchange REST API Based Powershell', id: 'fb78d390-0c51-40cd-8e17-fdbfab77341b' }, // [FP]
  { name: 'ExchangeWebServices', displayName: 'Microsoft Exchange Web Services', id: '47629505-c2b6-4a80-adb1-9b3a3d233b7b' }, // [FP]
  { name: 'AzureDevOps', displayName: 'Azure DevOps', id: '499b84ac-1321-427f-aa17-267ca6975798' }, // [MI]
  { name: 'Office365Management', displayName: 'Office 365 Management', id: '00b41c95-dab0-4487-9791-b9d2c32c80f2' }, // [FP]

  // --- Security and compliance -------------------------------------------------------------------------------
  { name: 'MicrosoftDefenderForCloudApps', displayName: 'Microsoft Defender for Cloud Apps', id: '3090ab82-f1c1-4cdf-af2c-5d7a6f3e2cc7' }, // [FP]
  { name: 'WindowsDefenderATPPortal', displayName: 'WindowsDefenderATP Portal', id: 'a3b79187-70b2-4139-83f9-6016c58cd27b' }, // [FP]
  { name: 'AzureInformationProtection', displayName: 'Azure Information Protection', id: '5b20c633-9a48-4a5f-95f6-dae91879051f' }, // [MI]
  { name: 'MicrosoftRightsManagementServices', displayName: 'Microsoft Rights Management Services', id: '00000012-0000-0000-c000-000000000000' }, // [MI]

  // --- Power Platform, Dynamics and Power BI -------------------------------------------------------------------
  // Dataverse is the former Common Data Service / Dynamics CRM resource ([FP] "Dataverse").
  { name: 'Dataverse', displayName: 'Dataverse', id: '00000007-0000-0000-c000-000000000000' },
  { name: 'DynamicsCRMOnlineAdministration', displayName: 'Dynamics CRM Online Administration', id: '637fcc9f-4a9b-4aaa-8713-a2a3cfda1505' }, // [MI]
  { name: 'DynamicsERP', displayName: 'Microsoft Dynamics ERP', id: '00000015-0000-0000-c000-000000000000' }, // [FP]
  { name: 'MicrosoftFlowService', displayName: 'Microsoft Flow Service', id: '7df0a125-d3be-4c96-aa54-591f83ff541c' }, // [MI]
  { name: 'PowerBIService', displayName: 'Power BI Service', id: '00000009-0000-0000-c000-000000000000' }, // [FP]
  { name: 'MicrosoftPowerBI', displayName: 'Microsoft Power BI', id: '871c010f-5e61-4fb1-83ac-98610a7e9110' }, // [FP]
  // Project Online: the service principal is named "Portfolios" ([MI]); [CORPUS] j0eyv CA207 blocks it.
  { name: 'ProjectOnline', displayName: 'Portfolios', id: 'f53895d3-095d-408f-8e93-8f94b391404e' },

  // --- Outlook clients ([FP]) ----------------------------------------------------------------------------------
  { name: 'MicrosoftOutlook', displayName: 'Microsoft Outlook', id: '5d661950-3475-41cd-a2c3-d671a3162bc1' },
  { name: 'OutlookMobile', displayName: 'Outlook Mobile', id: '27922004-5251-4030-b22d-91ecd9a37ea4' },

  // --- Azure data-plane resources ([FP] / [MI]) ----------------------------------------------------------------
  { name: 'AzureKeyVault', displayName: 'Azure Key Vault', id: 'cfa8b339-82a2-471a-a3c9-0fc0be7a4093' }, // [MI]
  { name: 'AzureStorage', displayName: 'Azure Storage', id: 'e406a681-f3d4-42a8-90b6-c2b029497af1' }, // [MI]
  { name: 'AzureSQLDatabase', displayName: 'Azure SQL Database', id: '022907d3-0f1b-48f7-badc-1ba6abab6d66' }, // [FP]
  { name: 'AzureDataLake', displayName: 'Azure Data Lake', id: 'e9f49c6b-5ce5-44c8-925d-015017e9f7ad' }, // [FP]
  { name: 'AzureDataExplorer', displayName: 'Azure Data Explorer', id: '2746ea77-4702-4b45-80ca-3c97e680e8b7' }, // [MI]
  { name: 'AzureAnalysisServices', displayName: 'Azure Analysis Services', id: '4ac7d521-0382-477b-b0f8-7e1d95f85ca2' }, // [MI]
  { name: 'ApplicationInsightsAPI', displayName: 'Application Insights API', id: 'f5c26e74-f226-4ae8-85f0-b4af0080ac9e' }, // [MI]
  { name: 'LogAnalyticsAPI', displayName: 'Log Analytics API', id: 'ca7f3f0b-7d91-482c-8e09-c5d840d0eac5' }, // [MI]
]);
