import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { GoldenPathService } from '../goldenPaths/GoldenPathService';
import { modelHubActionsRegistry } from './modelHubActionsRegistry';

/** `get-scorecard`: the golden-path verdicts of a model or a service, for AI agents and templates. */
export function registerScorecardActions(options: {
  actionsRegistry: ActionsRegistryService;
  goldenPaths: GoldenPathService;
}) {
  modelHubActionsRegistry(options.actionsRegistry).register({
    name: 'get-scorecard',
    title: 'Get the golden-path scorecard of a model or service',
    description:
      'Which golden-path checks a model, or a service that uses models, passes and fails, with the reason ' +
      'and what to do for each failing check (e.g. "High and Severe models have a fallback model"). ' +
      "A model's scorecard needs permission to read the model; a service's tells only what the caller may " +
      'read of the models it uses.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entity: z
            .string()
            .describe(
              'Entity ref, e.g. model:default/credit-scoring-pd or component:default/loan-origination-service',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          evaluatedAt: z.string().optional(),
          passed: z.number(),
          failed: z.number(),
          verdicts: z.array(
            z.object({
              checkId: z.string(),
              title: z.string(),
              severity: z.enum(['error', 'warning']),
              result: z.enum(['pass', 'fail', 'not-applicable']),
              reason: z.string(),
              remedy: z.string().optional(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      let ref: string;
      try {
        ref = stringifyEntityRef(
          parseEntityRef(input.entity, {
            defaultKind: 'component',
            defaultNamespace: 'default',
          }),
        );
      } catch (error) {
        throw new InputError(`entity: ${(error as Error).message}`);
      }
      const card = await options.goldenPaths.scorecard(ref, credentials);
      return {
        output: {
          entityRef: card.entityRef,
          evaluatedAt: card.evaluatedAt,
          passed: card.passed,
          failed: card.failed,
          verdicts: card.verdicts,
        },
      };
    },
  });
}
