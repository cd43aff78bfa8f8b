import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DRIFT_STATUSES,
  GOVERNANCE_STATES,
  ModelStatus,
  readinessFactsOfStatus,
  readinessFor,
  RISK_LEVELS,
} from '@model-hub/backstage-plugin-model-hub-common';
import { GovernanceService } from '../service/GovernanceService';
import { StatusService } from '../service/StatusService';
import { modelHubActionsRegistry } from './modelHubActionsRegistry';
import { modelInput, parseModelRef } from './modelRef';

type FoundStatus = Extract<ModelStatus, { found: true }>;

type FoundModel = Pick<
  FoundStatus,
  | 'entityRef'
  | 'title'
  | 'riskLevel'
  | 'regulatoryCategory'
  | 'governanceStatus'
  | 'latestApprovedVersion'
  | 'driftStatus'
> & {
  task: string;
  owner: string;
  lifecycle: string;
  readyForProduction: boolean;
};

/** How many Model entities one search looks at before it stops. */
const MAX_SCANNED = 2000;
const PAGE_SIZE = 200;

/** The owner as a full entity ref, as the catalog resolves it. */
function ownerRef(entity: Entity): string {
  const owner = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (owner) return owner.targetRef;
  const raw = String(entity.spec?.owner ?? '');
  try {
    return stringifyEntityRef(
      parseEntityRef(raw, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return raw;
  }
}

/**
 * Ready for production by Model Hub's one readiness rule (`readinessFor` in
 * model-hub-common): an approved version, no drift in production (nor
 * overall when it never reported from there), not deprecated or retired,
 * not in the EU AI Act category unacceptable.
 */
export function isReadyForProduction(
  status: FoundStatus,
  lifecycle: string | undefined,
): boolean {
  return readinessFor(
    { ...readinessFactsOfStatus(status), lifecycle },
    'production',
  ).ready;
}

/**
 * Read-only actions: what an AI assistant needs to pick a model and explain
 * whether it may be used.
 */
export function registerReadActions(options: {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogService;
  status: StatusService;
  governance: GovernanceService;
}) {
  const { catalog, status, governance } = options;
  const actionsRegistry = modelHubActionsRegistry(options.actionsRegistry);

  async function statusOf(ref: string, credentials: BackstageCredentials) {
    const model = parseModelRef(ref);
    const entityRef = stringifyEntityRef({ kind: 'model', ...model });
    const { items } = await status.statuses([entityRef], credentials);
    return items[0];
  }

  actionsRegistry.register({
    name: 'find-models',
    title: 'Find models',
    description:
      'Finds machine-learning models in the catalog by task, risk level and readiness for production ' +
      "(an approved version, not drifting in production, not deprecated or retired, not prohibited), with each one's governance and drift status. " +
      `Looks at up to ${MAX_SCANNED} Model entities.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          text: z
            .string()
            .optional()
            .describe(
              'Free text matched against names, titles and descriptions',
            ),
          task: z
            .string()
            .optional()
            .describe(
              'The model task (spec.type), e.g. classification, regression, forecasting',
            ),
          riskLevels: z
            .array(z.enum(RISK_LEVELS))
            .optional()
            .describe('Only models at these risk levels'),
          readyForProduction: z
            .boolean()
            .optional()
            .describe(
              'Only models ready for production: an approved version, not drifting in production, not deprecated or retired, not prohibited (EU AI Act unacceptable)',
            ),
          limit: z.number().int().min(1).max(100).default(20),
        }),
      output: z =>
        z.object({
          models: z.array(
            z.object({
              entityRef: z.string(),
              title: z.string(),
              task: z.string(),
              owner: z.string(),
              lifecycle: z.string(),
              riskLevel: z.enum(RISK_LEVELS),
              regulatoryCategory: z.string(),
              governanceStatus: z.enum(GOVERNANCE_STATES),
              latestApprovedVersion: z.string().optional(),
              driftStatus: z.enum(DRIFT_STATUSES),
              readyForProduction: z.boolean(),
            }),
          ),
          scanned: z
            .number()
            .describe('How many Model entities were looked at'),
        }),
    },
    action: async ({ input, credentials }) => {
      const models: FoundModel[] = [];
      let scanned = 0;
      let cursor: string | undefined;
      do {
        const page = await catalog.queryEntities(
          cursor
            ? { cursor, limit: PAGE_SIZE }
            : {
                filter: {
                  kind: 'Model',
                  ...(input.task ? { 'spec.type': input.task } : {}),
                },
                ...(input.text
                  ? {
                      fullTextFilter: {
                        term: input.text,
                        fields: [
                          'metadata.name',
                          'metadata.title',
                          'metadata.description',
                        ],
                      },
                    }
                  : {}),
                orderFields: { field: 'metadata.name', order: 'asc' },
                limit: PAGE_SIZE,
              },
          { credentials },
        );
        scanned += page.items.length;
        const refs = page.items.map(e => stringifyEntityRef(e));
        // One status batch per catalog page, never a request per model.
        const { items } = await status.statuses(refs, credentials);
        page.items.forEach((entity, index) => {
          const found = items[index];
          if (!found?.found) return;
          const lifecycle = String(entity.spec?.lifecycle ?? '');
          const ready = isReadyForProduction(found, lifecycle);
          if (input.riskLevels && !input.riskLevels.includes(found.riskLevel))
            return;
          if (input.readyForProduction && !ready) return;
          models.push({
            entityRef: found.entityRef,
            title: found.title,
            task: String(entity.spec?.type ?? ''),
            owner: ownerRef(entity),
            lifecycle,
            riskLevel: found.riskLevel,
            regulatoryCategory: found.regulatoryCategory,
            governanceStatus: found.governanceStatus,
            latestApprovedVersion: found.latestApprovedVersion,
            driftStatus: found.driftStatus,
            readyForProduction: ready,
          });
        });
        cursor = page.pageInfo.nextCursor;
      } while (cursor && models.length < input.limit && scanned < MAX_SCANNED);
      return { output: { models: models.slice(0, input.limit), scanned } };
    },
  });

  actionsRegistry.register({
    name: 'get-model-status',
    title: "Get a model's status",
    description:
      'Risk level, governance status, latest approved version, drift status per environment and ' +
      'the deployed versions (and whether each is approved) of one model.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          model: modelInput(z),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          title: z.string(),
          riskLevel: z.enum(RISK_LEVELS),
          regulatoryCategory: z.string(),
          governanceStatus: z.enum(GOVERNANCE_STATES),
          latestApprovedVersion: z.string().optional(),
          driftStatus: z.enum(DRIFT_STATUSES),
          drift: z.array(
            z.object({
              environment: z.string(),
              version: z.string(),
              status: z.enum(DRIFT_STATUSES),
              driftedShare: z.number(),
              windowEnd: z.string(),
            }),
          ),
          deployments: z.array(
            z.object({
              environment: z.string(),
              version: z.string(),
              deployedAt: z.string(),
              governanceStatus: z.enum(GOVERNANCE_STATES),
              approved: z.boolean(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const found = await statusOf(input.model, credentials);
      if (!found?.found) {
        // Same answer for "absent" and "not visible to you", as the catalog gives.
        throw new NotFoundError(`No model ${input.model} in the catalog`);
      }
      const { found: _found, ...output } = found;
      return { output };
    },
  });

  actionsRegistry.register({
    name: 'get-model-governance',
    title: "Get a model's governance and evidence",
    description:
      'The governance policy that applies to a model (evidence, approvals, review cadence for its risk ' +
      'level), and for each version its sign-off state, approval expiry and which evidence is present or missing.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          model: modelInput(z),
        }),
      output: z =>
        z.object({
          modelRef: z.string(),
          riskLevel: z.enum(RISK_LEVELS),
          regulatoryCategory: z.string(),
          status: z.enum(GOVERNANCE_STATES),
          latestApprovedVersion: z.string().optional(),
          policy: z.object({
            evidence: z.array(z.string()),
            approvals: z.number(),
            reviewCadenceMonths: z.number(),
          }),
          versions: z.array(
            z.object({
              version: z.string(),
              state: z.enum(GOVERNANCE_STATES),
              deprecated: z.boolean(),
              publishedBy: z.string(),
              publishedAt: z.string(),
              expiresAt: z.string().optional(),
              evidenceComplete: z.boolean(),
              evidence: z.array(
                z.object({
                  kind: z.string(),
                  title: z.string(),
                  source: z.enum(['derived', 'attached']),
                  complete: z.boolean(),
                  reference: z
                    .string()
                    .optional()
                    .describe(
                      'Link to the evidence, or what it was derived from',
                    ),
                }),
              ),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const summary = await governance.summary(
        parseModelRef(input.model),
        credentials,
      );
      return {
        output: {
          modelRef: summary.modelRef,
          riskLevel: summary.riskLevel,
          regulatoryCategory: summary.regulatoryCategory,
          status: summary.status,
          latestApprovedVersion: summary.latestApprovedVersion,
          policy: summary.policy,
          versions: summary.versions.map(v => ({
            version: v.version,
            state: v.state,
            deprecated: v.deprecated,
            publishedBy: v.publishedBy,
            publishedAt: v.publishedAt,
            expiresAt: v.expiresAt,
            evidenceComplete: v.evidence.complete,
            evidence: v.evidence.items,
          })),
        },
      };
    },
  });
}
