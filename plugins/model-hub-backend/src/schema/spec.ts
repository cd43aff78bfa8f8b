import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import yaml from 'yaml';

/** Where the contract ships: the package's own `src/schema/openapi.yaml`. */
export const openApiSpecPath = resolvePackagePath(
  '@model-hub/backstage-plugin-model-hub-backend',
  'src/schema/openapi.yaml',
);

/**
 * The contract the router validates requests with, read from the YAML itself
 * so there is no second copy to keep in step.
 */
export function loadOpenApiSpec() {
  return yaml.parse(fs.readFileSync(openApiSpecPath, 'utf8'));
}
