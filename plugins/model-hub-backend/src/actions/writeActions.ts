import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  EVIDENCE_KINDS,
  EvidenceKind,
} from '@model-hub/backstage-plugin-model-hub-common';
import { DriftService } from '../service/DriftService';
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
      'reference and evidence links. Publishing the same content again returns the stored version; ' +
      'different content under an existing version number is refused (publish a new version instead).',
    attributes: { readOnly: false, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          model: modelInput(z),
          version: z.string().min(1).max(128),
          artifactUri: z
            .string()
            .min(1)
            .describe('Where the trained artifact is stored'),
          format: z.string().optional().describe('e.g. mlflow-pyfunc, onnx'),
          trainingRunUrl: z.string().optional(),
          datasets: z
            .array(z.string())
            .optional()
            .describe('Dataset entity refs used for training'),
          metrics: z
            .array(
              z.object({
                name: z.string(),
                value: z.number(),
                slice: z.string().optional(),
                dataset: z.string().optional(),
              }),
            )
            .optional(),
          signature: z
            .record(z.unknown())
            .optional()
            .describe('Input and output columns with their types'),
          referenceProfile: z
            .record(z.unknown())
            .optional()
            .describe(
              'Drift reference: { rows: [...] } or { profile: ... } from model-hub-drift',
            ),
          evidence: z
            .record(z.enum(EVIDENCE_KINDS), z.string())
            .optional()
            .describe('Links to evidence documents by kind'),
          onBehalfOf: z
            .string()
            .max(255)
            .optional()
            .describe(
              'For service callers only: the User entity ref of the person this publish acts for; they cannot review the version',
            ),
          onBehalfOfGithubLogin: z
            .string()
            .max(39)
            .optional()
            .describe(
              'For service callers only, instead of onBehalfOf: the GitHub login of that person (mapped through the github.com/user-login annotation)',
            ),
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
      const { model, onBehalfOf, onBehalfOfGithubLogin, ...published } = input;
      const result = await versions.publish(
        parseModelRef(model),
        {
          ...published,
          datasets: published.datasets ?? [],
          metrics: published.metrics ?? [],
          evidence: (published.evidence ?? {}) as Partial<
            Record<EvidenceKind, string>
          >,
        },
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
      'the reference of a model version, stores the drift report and returns its verdict per column. ' +
      'Owners are notified when the data set drifts.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          model: modelInput(z),
          version: z.string().describe('The version serving the window'),
          environment: z.string().min(1).max(64).describe('e.g. production'),
          windowStart: z.string().datetime({ offset: true }).optional(),
          windowEnd: z.string().datetime({ offset: true }).optional(),
          rows: z
            .array(z.record(z.unknown()))
            .optional()
            .describe('Raw input rows of the window'),
          profile: z
            .record(z.unknown())
            .optional()
            .describe('A dataset profile of the window, instead of rows'),
          columns: z
            .array(z.string())
            .optional()
            .describe('Only these columns'),
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
      const { model, version, ...submission } = input;
      const report = await drift.submit(
        parseModelRef(model),
        version,
        submission as Parameters<DriftService['submit']>[2],
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
