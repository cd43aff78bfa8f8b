import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isModelEntity,
  MODEL_PINNED_VERSIONS_ANNOTATION,
  ModelEntity,
  parsePinnedVersions,
} from '@model-hub/backstage-plugin-model-hub-common';
import type { GoldenPathCheck } from '@model-hub/backstage-plugin-model-hub-node';
import { ModelSummaryStore } from '../database/ModelSummaryStore';
import { ScorecardStore, StoredVerdict } from '../database/ScorecardStore';
import { ApprovalTermsService } from '../service/ApprovalTermsService';
import { summarizeModel } from '../service/modelSummary';
import { MODEL_CHECKS, SERVICE_CHECKS, Verdict } from './builtInChecks';
import { GoldenPathConfig } from './config';
import { ModelFacts, ServiceFacts } from './facts';
import { aggregateScorecards } from './overview';

/** A check as the API lists it. */
export type CheckInfo = {
  id: string;
  title: string;
  description?: string;
  severity: 'error' | 'warning';
  appliesTo: 'model' | 'service' | 'custom';
  source: 'model-hub' | 'module';
};

export type EntityVerdict = Verdict & {
  checkId: string;
  title: string;
  severity: 'error' | 'warning';
};

const PAGE = 500;

function ownerOf(entity: Entity): string | undefined {
  return entity.relations?.find(r => r.type === RELATION_OWNED_BY)?.targetRef;
}
function systemOf(entity: Entity): string | undefined {
  return entity.relations?.find(
    r =>
      r.type === RELATION_PART_OF &&
      parseEntityRef(r.targetRef).kind.toLocaleLowerCase('en-US') === 'system',
  )?.targetRef;
}
const candidatePolicy = new SchemaValidEntityPolicy();

/**
 * The refs a candidate entity depends on, once it is known to be well formed.
 * It comes straight from a request, and the contract only asks for an
 * envelope: its metadata (annotations, tags, ...) is checked as the catalog
 * checks it, and spec.dependsOn must be entity refs, before the checks read
 * them; a 400 names what is wrong.
 */
async function candidateDependsOn(service: Entity): Promise<string[]> {
  try {
    await candidatePolicy.enforce(service);
  } catch (error) {
    throw new InputError(`entity: ${(error as Error).message}`);
  }
  const dependsOn: unknown = service.spec?.dependsOn ?? [];
  if (!Array.isArray(dependsOn)) {
    throw new InputError(
      'entity.spec.dependsOn: must be a list of entity refs',
    );
  }
  return dependsOn.map((ref: unknown, index) => {
    try {
      if (typeof ref !== 'string') throw new Error('not a string');
      return stringifyEntityRef(
        parseEntityRef(ref, {
          defaultKind: 'component',
          defaultNamespace: service.metadata.namespace ?? 'default',
        }),
      );
    } catch (error) {
      const shown = String(JSON.stringify(ref)).slice(0, 100);
      throw new InputError(
        `entity.spec.dependsOn[${index}]: ${shown} is not an entity ref (${
          (error as Error).message
        })`,
      );
    }
  });
}

const isModelRef = (ref: string) =>
  parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'model';

/**
 * The golden-path engine: gathers facts about models and the services that
 * use them in batches, runs Model Hub's checks and those modules added,
 * and stores the verdicts with their history.
 */
export class GoldenPathService {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      summaries: ModelSummaryStore;
      scorecards: ScorecardStore;
      /** The policy and terms that apply to each model now. */
      terms: ApprovalTermsService;
      config: GoldenPathConfig;
      customChecks: GoldenPathCheck[];
      staleAfterMs: number;
      clock: () => Date;
      logger: LoggerService;
    },
  ) {}

  private settings(id: string, severity: 'error' | 'warning') {
    const setting = this.deps.config.checks[id];
    return {
      enabled: setting?.enabled ?? true,
      severity: setting?.severity ?? severity,
    };
  }

  listChecks(): CheckInfo[] {
    const builtIn = [
      ...MODEL_CHECKS.map(c => ({ ...c, appliesTo: 'model' as const })),
      ...SERVICE_CHECKS.map(c => ({ ...c, appliesTo: 'service' as const })),
    ].map(c => ({
      id: c.id,
      title: c.title,
      description: c.description,
      appliesTo: c.appliesTo,
      source: 'model-hub' as const,
      ...this.settings(c.id, c.severity),
    }));
    const custom = this.deps.customChecks.map(c => ({
      id: c.id,
      title: c.title,
      description: c.description,
      appliesTo: 'custom' as const,
      source: 'module' as const,
      ...this.settings(c.id, c.severity),
    }));
    return [...builtIn, ...custom]
      .filter(c => c.enabled)
      .map(({ enabled, ...c }) => c);
  }

  private async readAll(filter: Record<string, string>): Promise<Entity[]> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const all: Entity[] = [];
    let response = await this.deps.catalog.queryEntities(
      { filter, limit: PAGE },
      { credentials },
    );
    all.push(...response.items);
    while (response.pageInfo.nextCursor) {
      response = await this.deps.catalog.queryEntities(
        { cursor: response.pageInfo.nextCursor, limit: PAGE },
        { credentials },
      );
      all.push(...response.items);
    }
    return all;
  }

  private async byRefs(refs: string[]): Promise<Map<string, Entity>> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const result = new Map<string, Entity>();
    for (let i = 0; i < refs.length; i += PAGE) {
      const slice = refs.slice(i, i + PAGE);
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        { entityRefs: slice },
        { credentials },
      );
      items.forEach((e, j) => e && result.set(slice[j], e));
    }
    return result;
  }

  /** Facts of these models, gathered in batches. */
  private async modelFacts(models: ModelEntity[]): Promise<ModelFacts[]> {
    const now = this.deps.clock();
    const refs = models.map(m => stringifyEntityRef(m));
    const owners = [
      ...new Set(models.map(ownerOf).filter((r): r is string => !!r)),
    ];
    const [rows, ownerEntities] = await Promise.all([
      this.deps.summaries
        .summaryRows(refs)
        .then(read => this.deps.terms.withTerms(read, models)),
      this.byRefs(owners),
    ]);
    return Promise.all(
      models.map(async (entity, i) => {
        const { riskLevel, policy } = await this.deps.terms.policyFor(
          entity,
          refs[i],
        );
        const owner = ownerOf(entity);
        const group = owner ? ownerEntities.get(owner) : undefined;
        const modelRows = rows.get(refs[i])!;
        return {
          entity,
          riskLevel,
          policy,
          ownerMembers:
            group?.kind.toLocaleLowerCase('en-US') === 'group'
              ? (group.relations ?? []).filter(r => r.type === 'hasMember')
                  .length
              : undefined,
          summary: summarizeModel(modelRows, now, this.deps.staleAfterMs),
          latestDriftWindowEnd: modelRows.latestDrift
            .map(d => d.windowEnd)
            .sort()
            .pop(),
          now,
        };
      }),
    );
  }

  private serviceFacts(
    service: Entity,
    models: Map<string, ModelFacts>,
  ): ServiceFacts {
    const dependsOn = (service.relations ?? [])
      .filter(r => r.type === RELATION_DEPENDS_ON)
      .map(r => r.targetRef);
    const pins = parsePinnedVersions(
      service.metadata.annotations?.[MODEL_PINNED_VERSIONS_ANNOTATION],
      service.metadata.namespace,
    );
    return {
      entity: service,
      dependsOn,
      models: dependsOn.filter(isModelRef).map(ref => {
        const facts = models.get(ref);
        return {
          ref,
          entity: facts?.entity,
          riskLevel: facts?.riskLevel,
          summary: facts?.summary,
          pinnedVersion: pins.get(ref),
        };
      }),
    };
  }

  private async runChecks(
    entity: Entity,
    builtIn: Array<{
      id: string;
      title: string;
      severity: 'error' | 'warning';
      run: () => Verdict;
    }>,
  ): Promise<EntityVerdict[]> {
    const verdicts: EntityVerdict[] = [];
    for (const check of builtIn) {
      const { enabled, severity } = this.settings(check.id, check.severity);
      if (!enabled) continue;
      verdicts.push({
        checkId: check.id,
        title: check.title,
        severity,
        ...check.run(),
      });
    }
    for (const check of this.deps.customChecks) {
      const { enabled, severity } = this.settings(check.id, check.severity);
      if (!enabled || !check.appliesTo(entity)) continue;
      let verdict: Verdict;
      try {
        verdict = await check.evaluate(entity);
      } catch (error) {
        // A broken module check is a failed check, not a failed run.
        verdict = {
          result: 'fail',
          reason: `The check failed to run: ${(error as Error).message}`,
          remedy: 'Ask the platform team that added this check',
        };
      }
      verdicts.push({
        checkId: check.id,
        title: check.title,
        severity,
        ...verdict,
      });
    }
    return verdicts;
  }

  private async evaluateModel(facts: ModelFacts) {
    const { thresholds } = this.deps.config;
    return this.runChecks(
      facts.entity,
      MODEL_CHECKS.map(c => ({
        ...c,
        run: () => c.evaluate(facts, thresholds),
      })),
    );
  }

  private async evaluateService(facts: ServiceFacts) {
    const { thresholds } = this.deps.config;
    return this.runChecks(
      facts.entity,
      SERVICE_CHECKS.map(c => ({
        ...c,
        run: () => c.evaluate(facts, thresholds),
      })),
    );
  }

  /**
   * Evaluates every model and every entity that depends on one, stores the
   * verdicts and the run: the scheduled job.
   */
  async evaluateAll(): Promise<{
    entities: number;
    passed: number;
    failed: number;
  }> {
    const models = (await this.readAll({ kind: 'model' })).filter(
      isModelEntity,
    );
    return this.evaluate(models, true);
  }

  /** Re-evaluates models and the services that use them, after changes. */
  async evaluateModelsAndUsers(modelRefs: string[]): Promise<void> {
    const models = [...(await this.byRefs(modelRefs)).values()].filter(
      isModelEntity,
    );
    if (models.length > 0) await this.evaluate(models, false);
  }

  private async evaluate(models: ModelEntity[], fullRun: boolean) {
    const now = this.deps.clock().toISOString();
    const facts = await this.modelFacts(models);
    const byRef = new Map(facts.map(f => [stringifyEntityRef(f.entity), f]));
    const serviceRefs = [
      ...new Set(
        models.flatMap(m =>
          (m.relations ?? [])
            .filter(r => r.type === RELATION_DEPENDENCY_OF)
            .map(r => r.targetRef)
            .filter(ref => !isModelRef(ref)),
        ),
      ),
    ];
    const services = [...(await this.byRefs(serviceRefs)).values()];
    // A service may use models outside this batch (on change): add their facts.
    const missing = [
      ...new Set(
        services.flatMap(s =>
          (s.relations ?? [])
            .filter(
              r => r.type === RELATION_DEPENDS_ON && isModelRef(r.targetRef),
            )
            .map(r => r.targetRef)
            .filter(ref => !byRef.has(ref)),
        ),
      ),
    ];
    if (missing.length > 0) {
      const extra = [...(await this.byRefs(missing)).values()].filter(
        isModelEntity,
      );
      for (const f of await this.modelFacts(extra)) {
        byRef.set(stringifyEntityRef(f.entity), f);
      }
    }

    const stored: StoredVerdict[] = [];
    const evaluated: string[] = [];
    const add = (entity: Entity, verdicts: EntityVerdict[]) => {
      const entityRef = stringifyEntityRef(entity);
      evaluated.push(entityRef);
      for (const v of verdicts) {
        stored.push({
          entityRef,
          checkId: v.checkId,
          entityKind: entity.kind.toLocaleLowerCase('en-US'),
          ownerRef: ownerOf(entity),
          systemRef: systemOf(entity),
          result: v.result,
          severity: v.severity,
          reason: v.reason,
          remedy: v.remedy,
          evaluatedAt: now,
        });
      }
    };
    for (const f of facts) add(f.entity, await this.evaluateModel(f));
    for (const s of services) {
      add(s, await this.evaluateService(this.serviceFacts(s, byRef)));
    }
    await this.deps.scorecards.saveVerdicts(evaluated, stored);
    const passed = stored.filter(v => v.result === 'pass').length;
    const failed = stored.filter(v => v.result === 'fail').length;
    if (fullRun) {
      await this.deps.scorecards.removeOtherEntities(evaluated);
      await this.deps.scorecards.addRun({
        evaluatedAt: now,
        entities: evaluated.length,
        passed,
        failed,
      });
    }
    return { entities: evaluated.length, passed, failed };
  }

  /**
   * Verdicts for an entity that does not exist yet (a service a template is
   * about to create): nothing is stored.
   */
  async evaluateCandidate(service: Entity): Promise<EntityVerdict[]> {
    const dependsOn = await candidateDependsOn(service);
    const withRelations: Entity = {
      ...service,
      relations: dependsOn.map(targetRef => ({
        type: RELATION_DEPENDS_ON,
        targetRef,
      })),
    };
    const models = [
      ...(await this.byRefs(dependsOn.filter(isModelRef))).values(),
    ].filter(isModelEntity);
    const facts = await this.modelFacts(models);
    const byRef = new Map(facts.map(f => [stringifyEntityRef(f.entity), f]));
    return this.evaluateService(this.serviceFacts(withRelations, byRef));
  }

  /** The stored verdicts of one entity the caller can see, with its history. */
  async scorecard(entityRef: string, credentials: BackstageCredentials) {
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity)
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    const ref = stringifyEntityRef(getCompoundEntityRef(entity));
    const checks = new Map(this.listChecks().map(c => [c.id, c]));
    const [verdicts, changes] = await Promise.all([
      this.deps.scorecards.listVerdicts({ entityRefs: [ref] }),
      this.deps.scorecards.listChanges(ref, 50),
    ]);
    const applicable = verdicts.filter(v => v.result !== 'not-applicable');
    const passed = applicable.filter(v => v.result === 'pass').length;
    return {
      entityRef: ref,
      evaluatedAt: verdicts[0]?.evaluatedAt,
      passed,
      failed: applicable.length - passed,
      passRate: applicable.length ? passed / applicable.length : 1,
      verdicts: verdicts.map(v => ({
        checkId: v.checkId,
        title: checks.get(v.checkId)?.title ?? v.checkId,
        severity: v.severity,
        result: v.result,
        reason: v.reason,
        remedy: v.remedy,
      })),
      history: changes,
    };
  }

  /**
   * Pass rates by owner and by system over the entities the caller can see
   * in the catalog, with the trend of the latest runs.
   */
  async overview(
    credentials: BackstageCredentials,
    filter: { kind?: string } = {},
  ) {
    const all = await this.deps.scorecards.listVerdicts();
    const refs = [...new Set(all.map(v => v.entityRef))];
    const visible = new Set<string>();
    for (let i = 0; i < refs.length; i += PAGE) {
      const slice = refs.slice(i, i + PAGE);
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        {
          entityRefs: slice,
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        { credentials },
      );
      items.forEach((e, j) => e && visible.add(slice[j]));
    }
    const verdicts = all.filter(
      v =>
        visible.has(v.entityRef) &&
        (!filter.kind ||
          (filter.kind === 'model') === (v.entityKind === 'model')),
    );
    const checks = new Map(this.listChecks().map(c => [c.id, c]));
    return {
      ...aggregateScorecards(verdicts, checks),
      trend: await this.deps.scorecards.listRuns(30),
    };
  }
}
