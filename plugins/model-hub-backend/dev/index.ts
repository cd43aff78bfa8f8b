import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';

// Development setup: Model Hub with the real catalog (reading the repository's
// example models) and mocked auth, so the API can be called without a token:
//
//   yarn start   (in this package)
//   curl localhost:7007/api/model-hub/models/default/credit-scoring-pd/governance
//
// Notifications are not installed here; sending them logs a warning.
const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@model-hub/backstage-plugin-catalog-backend-module-model-hub'),
);
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('../src'));

backend.start();
