export * from './createModelHubClient';
export * from './ModelHubResponseError';
