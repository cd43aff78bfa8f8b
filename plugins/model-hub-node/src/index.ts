/**
 * Node library for Model Hub: the service through which other backend plugins
 * and modules read models, and the extension points adopters use to change
 * governance policy, notifications and golden-path checks.
 *
 * @packageDocumentation
 */

export * from './extensions';
export * from './ModelHubService';
