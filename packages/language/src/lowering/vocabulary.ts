// Latch spellings → Graph spellings (LANGUAGE.md §8 table). The only place the two vocabularies meet.
import type { BuiltInControl, CaeMode, ClientAppType, Platform, PolicyState, TransferMethod } from '@latch/engine';

export const STATE: Record<string, PolicyState> = { on: 'enabled', off: 'disabled', reportOnly: 'enabledForReportingButNotEnforced' };

export const PLATFORM: Record<string, Platform> = {
    android: 'android', ios: 'iOS', windows: 'windows', windowsPhone: 'windowsPhone', macos: 'macOS', linux: 'linux',
};

export const CLIENT: Record<string, ClientAppType> = {
    browser: 'browser', mobileAndDesktop: 'mobileAppsAndDesktopClients', exchangeActiveSync: 'exchangeActiveSync',
    easSupported: 'easSupported', other: 'other',
};

export const FLOW: Record<string, TransferMethod> = { deviceCode: 'deviceCodeFlow', authenticationTransfer: 'authenticationTransfer' };

export const CONTROL: Record<string, BuiltInControl> = {
    mfa: 'mfa', compliantDevice: 'compliantDevice', hybridJoinedDevice: 'domainJoinedDevice', approvedApp: 'approvedApplication',
    appProtection: 'compliantApplication', passwordChange: 'passwordChange',
};

export const CAE: Record<string, CaeMode> = { strict: 'strictEnforcement', strictLocation: 'strictLocation', disabled: 'disabled' };

export const CLOUD_APP_SECURITY = { monitorOnly: 'monitorOnly', blockDownloads: 'blockDownloads', custom: 'mcasConfigured' } as const;
