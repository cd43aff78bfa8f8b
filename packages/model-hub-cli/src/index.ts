/**
 * `model-hub`: publish model versions and submit drift windows to Model Hub
 * from CI pipelines.
 *
 * @packageDocumentation
 */
export { runModelHubCli } from './main';
export type { CliIo } from './main';
export { ModelHubClient, parseModelName } from './ModelHubClient';
export type { ModelName } from './ModelHubClient';
