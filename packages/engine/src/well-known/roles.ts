// Entra built-in directory roles, by Latch name, with their role TEMPLATE ids (what Conditional Access
// policies store in conditions.users.includeRoles / excludeRoles). Data only: facts (names and ids) taken from
// the sources named above each block; Latch names are the display names in PascalCase.

import { deepFreeze } from './freeze.js';

/** A built-in Entra directory role. `id` is the immutable role template id. */
export interface BuiltInRole {
  /** Latch identifier: the display name in PascalCase (e.g. `GlobalAdministrator`). */
  readonly name: string;
  /** What Entra shows. */
  readonly displayName: string;
  /** Role template id (lower-case GUID). */
  readonly id: string;
}

export const BUILT_IN_ROLES: readonly BuiltInRole[] = deepFreeze([
  // --- Block 1: the "All roles" table of "Microsoft Entra built-in roles" ---------------------------------
  // Source: MicrosoftDocs/entra-docs docs/identity/role-based-access-control/permissions-reference.md
  //   (commit 00fe95d60143bbf5f832cdd8bb74765b182c2d8f, ms.date 2026-01-20)
  //   = https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference
  // 107 of these ids also appear verbatim in /work/shared/corpus (AlexFilipin, j0eyv).
  // "Customer LockBox Access Approver" is spelled "Customer Lockbox Access Approver" on the live page since
  // 2026-03 (a third-party change report of the Learn page dated 2026-03-25, and Maester below); the newer
  // spelling is used here.
  { name: 'AgentIDAdministrator', displayName: 'Agent ID Administrator', id: 'db506228-d27e-4b7d-95e5-295956d6615f' },
  { name: 'AgentIDDeveloper', displayName: 'Agent ID Developer', id: 'adb2368d-a9be-41b5-8667-d96778e081b0' },
  { name: 'AgentRegistryAdministrator', displayName: 'Agent Registry Administrator', id: '6b942400-691f-4bf0-9d12-d8a254a2baf5' },
  { name: 'AIAdministrator', displayName: 'AI Administrator', id: 'd2562ede-74db-457e-a7b6-544e236ebb61' },
  { name: 'ApplicationAdministrator', displayName: 'Application Administrator', id: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3' },
  { name: 'ApplicationDeveloper', displayName: 'Application Developer', id: 'cf1c38e5-3621-4004-a7cb-879624dced7c' },
  { name: 'AttackPayloadAuthor', displayName: 'Attack Payload Author', id: '9c6df0f2-1e7c-4dc3-b195-66dfbd24aa8f' },
  { name: 'AttackSimulationAdministrator', displayName: 'Attack Simulation Administrator', id: 'c430b396-e693-46cc-96f3-db01bf8bb62a' },
  { name: 'AttributeAssignmentAdministrator', displayName: 'Attribute Assignment Administrator', id: '58a13ea3-c632-46ae-9ee0-9c0d43cd7f3d' },
  { name: 'AttributeAssignmentReader', displayName: 'Attribute Assignment Reader', id: 'ffd52fa5-98dc-465c-991d-fc073eb59f8f' },
  { name: 'AttributeDefinitionAdministrator', displayName: 'Attribute Definition Administrator', id: '8424c6f0-a189-499e-bbd0-26c1753c96d4' },
  { name: 'AttributeDefinitionReader', displayName: 'Attribute Definition Reader', id: '1d336d2c-4ae8-42ef-9711-b3604ce3fc2c' },
  { name: 'AttributeLogAdministrator', displayName: 'Attribute Log Administrator', id: '5b784334-f94b-471a-a387-e7219fc49ca2' },
  { name: 'AttributeLogReader', displayName: 'Attribute Log Reader', id: '9c99539d-8186-4804-835f-fd51ef9e2dcd' },
  { name: 'AttributeProvisioningAdministrator', displayName: 'Attribute Provisioning Administrator', id: 'ecb2c6bf-0ab6-418e-bd87-7986f8d63bbe' },
  { name: 'AttributeProvisioningReader', displayName: 'Attribute Provisioning Reader', id: '422218e4-db15-4ef9-bbe0-8afb41546d79' },
  { name: 'AuthenticationAdministrator', displayName: 'Authentication Administrator', id: 'c4e39bd9-1100-46d3-8c65-fb160da0071f' },
  { name: 'AuthenticationExtensibilityAdministrator', displayName: 'Authentication Extensibility Administrator', id: '25a516ed-2fa0-40ea-a2d0-12923a21473a' },
  { name: 'AuthenticationPolicyAdministrator', displayName: 'Authentication Policy Administrator', id: '0526716b-113d-4c15-b2c8-68e3c22b9f80' },
  { name: 'AzureDevOpsAdministrator', displayName: 'Azure DevOps Administrator', id: 'e3973bdf-4987-49ae-837a-ba8e231c7286' },
  { name: 'AzureInformationProtectionAdministrator', displayName: 'Azure Information Protection Administrator', id: '7495fdc4-34c4-4d15-a289-98788ce399fd' },
  { name: 'B2CIEFKeysetAdministrator', displayName: 'B2C IEF Keyset Administrator', id: 'aaf43236-0c0d-4d5f-883a-6955382ac081' },
  { name: 'B2CIEFPolicyAdministrator', displayName: 'B2C IEF Policy Administrator', id: '3edaf663-341e-4475-9f94-5c398ef6c070' },
  { name: 'BillingAdministrator', displayName: 'Billing Administrator', id: 'b0f54661-2d74-4c50-afa3-1ec803f12efe' },
  { name: 'CloudAppSecurityAdministrator', displayName: 'Cloud App Security Administrator', id: '892c5842-a9a6-463a-8041-72aa08ca3cf6' },
  { name: 'CloudApplicationAdministrator', displayName: 'Cloud Application Administrator', id: '158c047a-c907-4556-b7ef-446551a6b5f7' },
  { name: 'CloudDeviceAdministrator', displayName: 'Cloud Device Administrator', id: '7698a772-787b-4ac8-901f-60d6b08affd2' },
  { name: 'ComplianceAdministrator', displayName: 'Compliance Administrator', id: '17315797-102d-40b4-93e0-432062caca18' },
  { name: 'ComplianceDataAdministrator', displayName: 'Compliance Data Administrator', id: 'e6d1a23a-da11-4be4-9570-befc86d067a7' },
  { name: 'ConditionalAccessAdministrator', displayName: 'Conditional Access Administrator', id: 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9' },
  { name: 'CustomerLockboxAccessApprover', displayName: 'Customer Lockbox Access Approver', id: '5c4f9dcd-47dc-4cf7-8c9a-9e4207cbfc91' },
  { name: 'DesktopAnalyticsAdministrator', displayName: 'Desktop Analytics Administrator', id: '38a96431-2bdf-4b4c-8b6e-5d3d8abac1a4' },
  { name: 'DirectoryReaders', displayName: 'Directory Readers', id: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b' },
  { name: 'DirectorySynchronizationAccounts', displayName: 'Directory Synchronization Accounts', id: 'd29b2b05-8046-44ba-8758-1e26182fcf32' },
  { name: 'DirectoryWriters', displayName: 'Directory Writers', id: '9360feb5-f418-4baa-8175-e2a00bac4301' },
  { name: 'DomainNameAdministrator', displayName: 'Domain Name Administrator', id: '8329153b-31d0-4727-b945-745eb3bc5f31' },
  { name: 'DragonAdministrator', displayName: 'Dragon Administrator', id: 'e93e3737-fa85-474a-aee4-7d3fb86510f3' },
  { name: 'Dynamics365Administrator', displayName: 'Dynamics 365 Administrator', id: '44367163-eba1-44c3-98af-f5787879f96a' },
  { name: 'Dynamics365BusinessCentralAdministrator', displayName: 'Dynamics 365 Business Central Administrator', id: '963797fb-eb3b-4cde-8ce3-5878b3f32a3f' },
  { name: 'EdgeAdministrator', displayName: 'Edge Administrator', id: '3f1acade-1e04-4fbc-9b69-f0302cd84aef' },
  { name: 'ExchangeAdministrator', displayName: 'Exchange Administrator', id: '29232cdf-9323-42fd-ade2-1d097af3e4de' },
  { name: 'ExchangeBackupAdministrator', displayName: 'Exchange Backup Administrator', id: '49eb8f75-97e9-4e37-9b2b-6c3ebfcffa31' },
  { name: 'ExchangeRecipientAdministrator', displayName: 'Exchange Recipient Administrator', id: '31392ffb-586c-42d1-9346-e59415a2cc4e' },
  { name: 'ExtendedDirectoryUserAdministrator', displayName: 'Extended Directory User Administrator', id: 'dd13091a-6207-4fc0-82ba-3641e056ab95' },
  { name: 'ExternalIDUserFlowAdministrator', displayName: 'External ID User Flow Administrator', id: '6e591065-9bad-43ed-90f3-e9424366d2f0' },
  { name: 'ExternalIDUserFlowAttributeAdministrator', displayName: 'External ID User Flow Attribute Administrator', id: '0f971eea-41eb-4569-a71e-57bb8a3eff1e' },
  { name: 'ExternalIdentityProviderAdministrator', displayName: 'External Identity Provider Administrator', id: 'be2f45a1-457d-42af-a067-6ec1fa63bc45' },
  { name: 'FabricAdministrator', displayName: 'Fabric Administrator', id: 'a9ea8996-122f-4c74-9520-8edcd192826c' },
  { name: 'GlobalAdministrator', displayName: 'Global Administrator', id: '62e90394-69f5-4237-9190-012177145e10' },
  { name: 'GlobalReader', displayName: 'Global Reader', id: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451' },
  { name: 'GlobalSecureAccessAdministrator', displayName: 'Global Secure Access Administrator', id: 'ac434307-12b9-4fa1-a708-88bf58caabc1' },
  { name: 'GlobalSecureAccessLogReader', displayName: 'Global Secure Access Log Reader', id: '843318fb-79a6-4168-9e6f-aa9a07481cc4' },
  { name: 'GroupsAdministrator', displayName: 'Groups Administrator', id: 'fdd7a751-b60b-444a-984c-02652fe8fa1c' },
  { name: 'GuestInviter', displayName: 'Guest Inviter', id: '95e79109-95c0-4d8e-aee3-d01accf2d47b' },
  { name: 'HelpdeskAdministrator', displayName: 'Helpdesk Administrator', id: '729827e3-9c14-49f7-bb1b-9608f156bbb8' },
  { name: 'HybridIdentityAdministrator', displayName: 'Hybrid Identity Administrator', id: '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2' },
  { name: 'IdentityGovernanceAdministrator', displayName: 'Identity Governance Administrator', id: '45d8d3c5-c802-45c6-b32a-1d70b5e1e86e' },
  { name: 'InsightsAdministrator', displayName: 'Insights Administrator', id: 'eb1f4a8d-243a-41f0-9fbd-c7cdf6c5ef7c' },
  { name: 'InsightsAnalyst', displayName: 'Insights Analyst', id: '25df335f-86eb-4119-b717-0ff02de207e9' },
  { name: 'InsightsBusinessLeader', displayName: 'Insights Business Leader', id: '31e939ad-9672-4796-9c2e-873181342d2d' },
  { name: 'IntuneAdministrator', displayName: 'Intune Administrator', id: '3a2c62db-5318-420d-8d74-23affee5d9d5' },
  { name: 'IoTDeviceAdministrator', displayName: 'IoT Device Administrator', id: '2ea5ce4c-b2d8-4668-bd81-3680bd2d227a' },
  { name: 'KaizalaAdministrator', displayName: 'Kaizala Administrator', id: '74ef975b-6605-40af-a5d2-b9539d836353' },
  { name: 'KnowledgeAdministrator', displayName: 'Knowledge Administrator', id: 'b5a8dcf3-09d5-43a9-a639-8e29ef291470' },
  { name: 'KnowledgeManager', displayName: 'Knowledge Manager', id: '744ec460-397e-42ad-a462-8b3f9747a02c' },
  { name: 'LicenseAdministrator', displayName: 'License Administrator', id: '4d6ac14f-3453-41d0-bef9-a3e0c569773a' },
  { name: 'LifecycleWorkflowsAdministrator', displayName: 'Lifecycle Workflows Administrator', id: '59d46f88-662b-457b-bceb-5c3809e5908f' },
  { name: 'MessageCenterPrivacyReader', displayName: 'Message Center Privacy Reader', id: 'ac16e43d-7b2d-40e0-ac05-243ff356ab5b' },
  { name: 'MessageCenterReader', displayName: 'Message Center Reader', id: '790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b' },
  { name: 'Microsoft365BackupAdministrator', displayName: 'Microsoft 365 Backup Administrator', id: '1707125e-0aa2-4d4d-8655-a7c786c76a25' },
  { name: 'Microsoft365MigrationAdministrator', displayName: 'Microsoft 365 Migration Administrator', id: '8c8b803f-96e1-4129-9349-20738d9f9652' },
  { name: 'Microsoft365SupportEngineer', displayName: 'Microsoft 365 Support Engineer', id: '00cf5c54-4693-4f59-a0ac-ab79ef0a974d' },
  { name: 'MicrosoftEntraJoinedDeviceLocalAdministrator', displayName: 'Microsoft Entra Joined Device Local Administrator', id: '9f06204d-73c1-4d4c-880a-6edb90606fd8' },
  { name: 'MicrosoftGraphDataConnectAdministrator', displayName: 'Microsoft Graph Data Connect Administrator', id: 'ee67aa9c-e510-4759-b906-227085a7fd4d' },
  { name: 'MicrosoftHardwareWarrantyAdministrator', displayName: 'Microsoft Hardware Warranty Administrator', id: '1501b917-7653-4ff9-a4b5-203eaf33784f' },
  { name: 'MicrosoftHardwareWarrantySpecialist', displayName: 'Microsoft Hardware Warranty Specialist', id: '281fe777-fb20-4fbb-b7a3-ccebce5b0d96' },
  { name: 'NetworkAdministrator', displayName: 'Network Administrator', id: 'd37c8bed-0711-4417-ba38-b4abe66ce4c2' },
  { name: 'OfficeAppsAdministrator', displayName: 'Office Apps Administrator', id: '2b745bdf-0803-4d80-aa65-822c4493daac' },
  { name: 'OrganizationalBrandingAdministrator', displayName: 'Organizational Branding Administrator', id: '92ed04bf-c94a-4b82-9729-b799a7a4c178' },
  { name: 'OrganizationalDataSourceAdministrator', displayName: 'Organizational Data Source Administrator', id: '9d70768a-0cbc-4b4c-aea3-2e124b2477f4' },
  { name: 'OrganizationalMessagesApprover', displayName: 'Organizational Messages Approver', id: 'e48398e2-f4bb-4074-8f31-4586725e205b' },
  { name: 'OrganizationalMessagesWriter', displayName: 'Organizational Messages Writer', id: '507f53e4-4e52-4077-abd3-d2e1558b6ea2' },
  { name: 'PartnerTier1Support', displayName: 'Partner Tier1 Support', id: '4ba39ca4-527c-499a-b93d-d9b492c50246' },
  { name: 'PartnerTier2Support', displayName: 'Partner Tier2 Support', id: 'e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8' },
  { name: 'PasswordAdministrator', displayName: 'Password Administrator', id: '966707d0-3269-4727-9be2-8c3a10f19b9d' },
  { name: 'PeopleAdministrator', displayName: 'People Administrator', id: '024906de-61e5-49c8-8572-40335f1e0e10' },
  { name: 'PermissionsManagementAdministrator', displayName: 'Permissions Management Administrator', id: 'af78dc32-cf4d-46f9-ba4e-4428526346b5' },
  { name: 'PlacesAdministrator', displayName: 'Places Administrator', id: '78b0ccd1-afc2-4f92-9116-b41aedd09592' },
  { name: 'PowerPlatformAdministrator', displayName: 'Power Platform Administrator', id: '11648597-926c-4cf3-9c36-bcebb0ba8dcc' },
  { name: 'PrinterAdministrator', displayName: 'Printer Administrator', id: '644ef478-e28f-4e28-b9dc-3fdde9aa0b1f' },
  { name: 'PrinterTechnician', displayName: 'Printer Technician', id: 'e8cef6f1-e4bd-4ea8-bc07-4b8d950f4477' },
  { name: 'PrivilegedAuthenticationAdministrator', displayName: 'Privileged Authentication Administrator', id: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13' },
  { name: 'PrivilegedRoleAdministrator', displayName: 'Privileged Role Administrator', id: 'e8611ab8-c189-46e8-94e1-60213ab1f814' },
  { name: 'ReportsReader', displayName: 'Reports Reader', id: '4a5d8f65-41da-4de4-8968-e035b65339cf' },
  { name: 'SearchAdministrator', displayName: 'Search Administrator', id: '0964bb5e-9bdb-4d7b-ac29-58e794862a40' },
  { name: 'SearchEditor', displayName: 'Search Editor', id: '8835291a-918c-4fd7-a9ce-faa49f0cf7d9' },
  { name: 'SecurityAdministrator', displayName: 'Security Administrator', id: '194ae4cb-b126-40b2-bd5b-6091b380977d' },
  { name: 'SecurityOperator', displayName: 'Security Operator', id: '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f' },
  { name: 'SecurityReader', displayName: 'Security Reader', id: '5d6b6bb7-de71-4623-b4af-96380a352509' },
  { name: 'ServiceSupportAdministrator', displayName: 'Service Support Administrator', id: 'f023fd81-a637-4b56-95fd-791ac0226033' },
  { name: 'SharePointAdministrator', displayName: 'SharePoint Administrator', id: 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c' },
  { name: 'SharePointAdvancedManagementAdministrator', displayName: 'SharePoint Advanced Management Administrator', id: '99009c4a-3b3f-4957-82a9-9d35e12db77e' },
  { name: 'SharePointBackupAdministrator', displayName: 'SharePoint Backup Administrator', id: '9d3e04ba-3ee4-4d1b-a3a7-9aef423a09be' },
  { name: 'SharePointEmbeddedAdministrator', displayName: 'SharePoint Embedded Administrator', id: '1a7d78b6-429f-476b-b8eb-35fb715fffd4' },
  { name: 'SkypeForBusinessAdministrator', displayName: 'Skype for Business Administrator', id: '75941009-915a-4869-abe7-691bff18279e' },
  { name: 'TeamsAdministrator', displayName: 'Teams Administrator', id: '69091246-20e8-4a56-aa4d-066075b2a7a8' },
  { name: 'TeamsCommunicationsAdministrator', displayName: 'Teams Communications Administrator', id: 'baf37b3a-610e-45da-9e62-d9d1e5e8914b' },
  { name: 'TeamsCommunicationsSupportEngineer', displayName: 'Teams Communications Support Engineer', id: 'f70938a0-fc10-4177-9e90-2178f8765737' },
  { name: 'TeamsCommunicationsSupportSpecialist', displayName: 'Teams Communications Support Specialist', id: 'fcf91098-03e3-41a9-b5ba-6f0ec8188a12' },
  { name: 'TeamsDevicesAdministrator', displayName: 'Teams Devices Administrator', id: '3d762c5a-1b6c-493f-843e-55a3b42923d4' },
  { name: 'TeamsReader', displayName: 'Teams Reader', id: '1076ac91-f3d9-41a7-a339-dcdf5f480acc' },
  { name: 'TeamsTelephonyAdministrator', displayName: 'Teams Telephony Administrator', id: 'aa38014f-0993-46e9-9b45-30501a20909d' },
  { name: 'TenantCreator', displayName: 'Tenant Creator', id: '112ca1a2-15ad-4102-995e-45b0bc479a6a' },
  { name: 'UsageSummaryReportsReader', displayName: 'Usage Summary Reports Reader', id: '75934031-6c7e-415a-99d7-48dbd49e875e' },
  { name: 'UserAdministrator', displayName: 'User Administrator', id: 'fe930be7-5e62-47db-91af-98c3a49a38b1' },
  { name: 'UserExperienceSuccessManager', displayName: 'User Experience Success Manager', id: '27460883-1df1-4691-b032-3b79643e5e63' },
  { name: 'VirtualVisitsAdministrator', displayName: 'Virtual Visits Administrator', id: 'e300d9e7-4a2b-4295-9eff-f1c78b36cc98' },
  { name: 'VivaGlintTenantAdministrator', displayName: 'Viva Glint Tenant Administrator', id: '0ec3f692-38d6-4d14-9e69-0377ca7797ad' },
  { name: 'VivaGoalsAdministrator', displayName: 'Viva Goals Administrator', id: '92b086b3-e367-4ef2-b869-1de128fb986e' },
  { name: 'VivaPulseAdministrator', displayName: 'Viva Pulse Administrator', id: '87761b17-1ed2-4af3-9acd-92a150038160' },
  { name: 'Windows365Administrator', displayName: 'Windows 365 Administrator', id: '11451d60-acb2-45eb-a7d6-43d0f0125c13' },
  { name: 'WindowsUpdateDeploymentAdministrator', displayName: 'Windows Update Deployment Administrator', id: '32696413-001a-46ae-978c-ce0f6b3620d2' },
  { name: 'YammerAdministrator', displayName: 'Yammer Administrator', id: '810a2642-a034-447f-a5e8-41beaa378541' },

  // --- Block 2: roles added to the Learn page after the snapshot above ----------------------------------
  // Sources: maester365/maester powershell/internal/Get-MtRoleInfo.ps1 (commit 06983e09045ba07d7960b8bb63185cbe3eca60c7,
  //   generated from the Learn permissions reference): Authentication Extensibility Password Administrator,
  //   Entra Backup Administrator / Reader, Teams External Collaboration Administrator, the four Tenant Governance
  //   roles. A third-party change report quoting the diff of the Learn permissions-reference page (2026-03-25)
  //   confirms the first four. AI Reader: Maester 2.1.44-preview on the PowerShell Gallery
  //   (internal/Get-MtRoleInfo.ps1) and a Learn diff. Customer Delegated Admin Relationship Administrator: two
  //   independent third-party role catalogs generated from the Learn page (the entra-docs include page
  //   customer-delegated-admin-relationship-administrator.md exists; its id row is not in our snapshot).
  //   Entra Backup Administrator (b6a27b2b-…) is also used by j0eyv/ConditionalAccessBaseline CA100-CA105.
  { name: 'AIReader', displayName: 'AI Reader', id: '1fe13547-53f6-408d-ac04-7f8eed167b38' },
  { name: 'AuthenticationExtensibilityPasswordAdministrator', displayName: 'Authentication Extensibility Password Administrator', id: '0b00bede-4072-4d22-b441-e7df02a1ef63' },
  { name: 'CustomerDelegatedAdminRelationshipAdministrator', displayName: 'Customer Delegated Admin Relationship Administrator', id: 'fc8ad4e2-40e4-4724-8317-bcda7503ecbf' },
  { name: 'EntraBackupAdministrator', displayName: 'Entra Backup Administrator', id: 'b6a27b2b-f905-4b2e-81b5-0d90e0ef1fdb' },
  { name: 'EntraBackupReader', displayName: 'Entra Backup Reader', id: 'f42252d9-5400-4d7b-b9ef-cc582dbb8577' },
  { name: 'TeamsExternalCollaborationAdministrator', displayName: 'Teams External Collaboration Administrator', id: '2fe872fb-daa8-4afc-8f6c-53c4565cfef4' },
  { name: 'TenantGovernanceAdministrator', displayName: 'Tenant Governance Administrator', id: '1981f584-96e9-4a6f-95b0-f522373f8fae' },
  { name: 'TenantGovernanceReader', displayName: 'Tenant Governance Reader', id: 'e0a4caa6-fe82-443f-b92f-d87341d17b2e' },
  { name: 'TenantGovernanceRelationshipAdministrator', displayName: 'Tenant Governance Relationship Administrator', id: 'b8e31d83-1534-480f-9b10-0338ded51b7e' },
  { name: 'TenantGovernanceRelationshipReader', displayName: 'Tenant Governance Relationship Reader', id: '124577f8-48ed-456a-839f-13b419002e33' },

  // --- Block 3: roles not shown in the portal, deprecated roles, and the default user roles -------------
  // Which roles these are: permissions-reference.md sections "Deprecated roles" and "Roles not shown in the
  // portal" (same commit as block 1). Ids: Modern Commerce Administrator from MicrosoftDocs/entra-docs
  // .../includes/modern-commerce-administrator.md (2025-07 version: "Template ID: d24aef57-1500-…") and an older
  // copy of the "All roles" table; User / Guest User / Restricted Guest User from Microsoft Graph
  // authorizationPolicy docs (guestUserRoleId: "User (a0b1b346-…), Guest User (10dae51f-…), and Restricted Guest
  // User (2af84b1e-…)"); the device roles and On Premises Directory Sync Account from
  // maester365/maester powershell/internal/Get-MtRoleInfo.ps1 (commit above). Device Join, Device Managers,
  // Device Users, Workplace Device Join, Guest User and Restricted Guest User also appear in the AlexFilipin
  // corpus (admin policies that list every role).
  { name: 'ModernCommerceAdministrator', displayName: 'Modern Commerce Administrator', id: 'd24aef57-1500-4070-84db-2666f29cf966' },
  { name: 'OnPremisesDirectorySyncAccount', displayName: 'On Premises Directory Sync Account', id: 'a92aed5d-d78a-4d16-b381-09adb37eb3b0' },
  { name: 'DeviceJoin', displayName: 'Device Join', id: '9c094953-4995-41c8-84c8-3ebb9b32c93f' },
  { name: 'DeviceManagers', displayName: 'Device Managers', id: '2b499bcd-da44-4968-8aec-78e1674fa64d' },
  { name: 'DeviceUsers', displayName: 'Device Users', id: 'd405c6df-0af8-4e3b-95e4-4d06e542189e' },
  { name: 'WorkplaceDeviceJoin', displayName: 'Workplace Device Join', id: 'c34f683f-4d5a-4403-affd-6615e00e3a7f' },
  { name: 'GuestUser', displayName: 'Guest User', id: '10dae51f-b6af-4016-8d66-8c2a99b929b3' },
  { name: 'RestrictedGuestUser', displayName: 'Restricted Guest User', id: '2af84b1e-32c8-42b7-82bc-daa82404023b' },
  { name: 'User', displayName: 'User', id: 'a0b1b346-4d3e-4e8b-98f8-753987be4970' },
]);
