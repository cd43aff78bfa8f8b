import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { mapDatabaseUnavailable } from '../database/unavailable';
import { assertUsableBody } from '../requestLimits';

/**
 * The actions registry as Model Hub's actions go through it, with the
 * guards the REST router has: an action's input is refused (InputError,
 * naming the field) when it holds the NUL character or nests deeper than
 * the services can take, before the action runs; and a database that
 * cannot be reached fails the action with 503, not 500.
 */
export function modelHubActionsRegistry(
  registry: ActionsRegistryService,
): ActionsRegistryService {
  return {
    register(options) {
      registry.register({
        ...options,
        action: async context => {
          assertUsableBody(context.input, 'input');
          try {
            return await options.action(context);
          } catch (error) {
            throw mapDatabaseUnavailable(error);
          }
        },
      });
    },
  };
}
