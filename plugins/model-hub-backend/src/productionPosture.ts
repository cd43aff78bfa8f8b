import { Config } from '@backstage/config';

/**
 * The static external-access token that app-config.yaml commits for local
 * development, CI and the README's curl examples. Everyone who can read the
 * repository knows it.
 */
export const LOCAL_CI_TOKEN = 'model-hub-local-ci-token';

const EXTERNAL_ACCESS_KEY = 'backend.auth.externalAccess';

/**
 * Refuses to run a production backend (`NODE_ENV=production`) that would
 * honour the local token: a production configuration that still carries it
 * (app-config.production.yaml not loaded, or the token copied into it or into
 * an environment variable) would let anyone publish and deploy models.
 * Throws an error naming the config key and what to do.
 */
export function assertProductionPosture(
  config: Config,
  env: { NODE_ENV?: string } = process.env,
): void {
  if (env.NODE_ENV !== 'production') {
    return;
  }
  const entries = config.getOptionalConfigArray(EXTERNAL_ACCESS_KEY) ?? [];
  entries.forEach((entry, index) => {
    if (entry.getOptionalString('type') !== 'static') {
      return;
    }
    if (entry.getOptionalString('options.token') === LOCAL_CI_TOKEN) {
      throw new Error(
        `Refusing to start in production: ${EXTERNAL_ACCESS_KEY}[${index}].options.token is the local development token '${LOCAL_CI_TOKEN}' committed in app-config.yaml. ` +
          `Load app-config.production.yaml after app-config.yaml (it replaces ${EXTERNAL_ACCESS_KEY}) and set MODEL_HUB_CI_TOKEN and MODEL_HUB_DRIFT_TOKEN to secrets of your own, ` +
          `or remove this entry from your production configuration (see docs/operations.md, "Production").`,
      );
    }
  });
}
