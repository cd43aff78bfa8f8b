/**
 * Common types, schema, validation and risk computation for Model Hub's
 * `Model` entity kind, and the typed client of the Model Hub backend
 * (generated from its OpenAPI contract). Usable in the browser and in Node.
 *
 * @packageDocumentation
 */

export * from './constants';
export * from './refs';
export * from './risk';
export * from './schema';
export * from './types';
export * from './validation';
export * from './governance';
export * from './permissions';
export * from './status';
export * from './readiness';
export * from './schema/openapi';
export * from './client';
