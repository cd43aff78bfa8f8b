export interface Config {
  modelHub?: {
    /**
     * What an unapproved, deprecated or drifting model does to a scaffold
     * (`model-hub:policy:check`) for a service in an environment, by
     * environment name (the template's `environment` parameter):
     *
     * - `block`: the template fails before anything is published;
     * - `warn`: it goes on, and the template output shows the findings;
     * - `off`: the model's approval and drift are not checked (the
     *   golden-path checks still run and are shown, without blocking on
     *   approval).
     *
     * Default: `block` for the production environments
     * (`modelHub.environments.production`), `warn` for the others. Retired
     * and prohibited models, and a High or Severe model without a fallback,
     * are refused whatever the gate.
     */
    deploymentGates?: {
      [environment: string]: 'block' | 'warn' | 'off';
    };
  };
}
