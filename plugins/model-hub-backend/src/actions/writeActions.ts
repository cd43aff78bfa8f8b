import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { PublishVersionRequest } from '@model-hub/backstage-plugin-model-hub-common';
import { DriftService, DriftSubmission } from '../service/DriftService';
import { publishVersionInput } from '../service/publishVersionInput';
import { contractObject, fromSchema } from './contractInput';
import { ModelVersionService } from '../service/ModelVersionService';
import { modelHubActionsRegistry } from './modelHubActionsRegistry';
import { modelInput, parseModelRef } from './modelRef';

/**
 * Writing actions, for data scientists' assistants and for templates: they go
 * through the same services, permissions and audit trail as the REST API.
 */
export function registerWriteActions(options: {
  actionsRegistry: ActionsRegistryService;
  versions: ModelVersionService;
  drift: DriftService;
}) {
  const { versions, drift } = options;
  const actionsRegistry = modelHubActionsRegistry(options.actionsRegistry);

  actionsRegistry.register({
    name: 'publish-model-version',
    title: 'Publish a model version',
    description:
      'Publishes a version of a catalog model with its artifact, evaluation metrics, signature, drift ' +
      'reference, drift terms (method and threshold per column) and evidence links. Publishing the same content again returns the stored version; ' +
      'different content under an existing version number is refused (publish a new version instead).',
    attributes: { readOnly: false, destructive: false, idempotent: true },
    // The contract's PublishVersionRequest, as the REST API takes it.
    schema: {
      input: z =>
        contractObject(z, 'PublishVersionRequest', {
          own: { model: modelInput(z) },
        }),
      output: z =>
        z.object({
          modelRef: z.string(),
          version: z.string(),
          created: z
            .boolean()
            .describe('false when the same content was already published'),
          publishedBy: z.string(),
          publishedAt: z.string(),
        }),
    },
    action: async ({ input, credentials }) => {
      const { model, onBehalfOf, onBehalfOfGithubLogin, ...published } =
        input as PublishVersionRequest & { model: string };
      const result = await versions.publish(
        parseModelRef(model),
        publishVersionInput(published),
        credentials,
        { onBehalfOf, onBehalfOfGithubLogin },
      );
      return {
        output: {
          modelRef: result.version.modelRef,
          version: result.version.version,
          created: result.created,
          publishedBy: result.version.publishedBy,
          publishedAt: result.version.publishedAt,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'submit-drift-window',
    title: 'Submit a drift window',
    description:
      'Compares a window of production inputs (raw rows, or a profile built with model-hub-drift) with ' +
      'the reference of a model version by the drift terms the version published, stores the drift report ' +
      'and returns its verdict per column. Thresholds may only be made stricter; the window must have ended. ' +
      'Needs the model-hub.drift.submit permission. Owners are notified when the data set drifts.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      // The contract's DriftSubmission, as the REST API takes it.
      input: z =>
        contractObject(z, 'DriftSubmission', {
          own: {
            model: modelInput(z),
            version: fromSchema(
              z,
              { $ref: '#/components/schemas/VersionString' },
              'version',
            ).describe('The version serving the window'),
          },
        }),
      output: z =>
        z.object({
          reportId: z.string(),
          status: z.enum(['ok', 'warning', 'drift']),
          datasetDrift: z.boolean(),
          driftedShare: z.number(),
          driftedColumns: z.array(z.string()),
        }),
    },
    action: async ({ input, credentials }) => {
      const { model, version, ...submission } = input as DriftSubmission & {
        model: string;
        version: string;
      };
      const report = await drift.submit(
        parseModelRef(model),
        version,
        submission,
        credentials,
      );
      const columns = (report.report.columns ?? []) as Array<{
        column: string;
        drifted: boolean;
      }>;
      return {
        output: {
          reportId: report.id,
          status: report.status,
          datasetDrift: report.datasetDrift,
          driftedShare: report.driftedShare,
          driftedColumns: columns.filter(c => c.drifted).map(c => c.column),
        },
      };
    },
  });
}
