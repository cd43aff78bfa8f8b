/*
 * The backend of the Model Hub monorepo: Backstage's own plugins with Model
 * Hub installed. See the README.
 */

import { createBackend } from '@backstage/backend-defaults';
import { permissionPolicy } from './permissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
// Model Hub: template actions that resolve a catalog model
backend.add(
  import('@model-hub/backstage-plugin-scaffolder-backend-module-model-hub'),
);

// techdocs plugin
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth plugin
backend.add(import('@backstage/plugin-auth-backend'));
// See https://backstage.io/docs/backend-system/building-backends/migrating#the-auth-plugin
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// See https://backstage.io/docs/auth/guest/provider

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
// Model Hub: the `Model` kind (validation and relations)
backend.add(
  import('@model-hub/backstage-plugin-catalog-backend-module-model-hub'),
);

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));
// Model Hub's role-based policy in production, allow-all for the local demo's
// guest in development (see ./permissionPolicy)
backend.add(permissionPolicy());

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search engine
// See https://backstage.io/docs/features/search/search-engines
backend.add(import('@backstage/plugin-search-backend-module-pg'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// events bus: lets signals and notifications reach every backend instance
backend.add(import('@backstage/plugin-events-backend'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Model Hub: versions, drift reports, reviews and the audit trail of models
backend.add(import('@model-hub/backstage-plugin-model-hub-backend'));

// A backend whose plugins failed to start (such as Model Hub refusing a
// production configuration that honours the local token) must not serve:
// Backstage logs the failure and would keep the process running. The
// plugins' errors are logged above, with config secrets redacted; only an
// error from before the logger existed is printed here.
backend.start().catch(error => {
  console.error(
    error?.name === 'BackendStartupError'
      ? 'Backend startup failed, see the errors above'
      : error,
  );
  process.exit(1);
});
