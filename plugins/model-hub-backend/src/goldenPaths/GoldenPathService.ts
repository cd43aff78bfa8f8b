import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
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
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isModelEntity,
  MODEL_PINNED_VERSIONS_ANNOTATION,
  modelHubReadPermission,
  ModelEntity,
  parsePinnedVersions,
} from '@model-hub/backstage-plugin-model-hub-common';
import type { GoldenPathCheck } from '@model-hub/backstage-plugin-model-hub-node';
import { ModelSummaryStore } from '../database/ModelSummaryStore';
import { ScorecardStore, StoredVerdict } from '../database/ScorecardStore';
import { ModelRevisionStore } from '../database/ModelRevisionStore';
import { scorecardRevisionKey } from '../database/DatabaseScorecardStore';
import { VersionedCache } from '../service/versionedCache';
import { ApprovalTermsService } from '../service/ApprovalTermsService';
import { summarizeModel } from '../service/modelSummary';
import {
  BuiltInCheck,
  MODEL_CHECKS,
  SERVICE_CHECKS,
  Verdict,
} from './builtInChecks';
import { GoldenPathConfig } from './config';
import { ModelFacts, ServiceFacts } from './facts';
import { aggregateScorecards } from './overview';
import { entitiesVisibleTo } from './catalogEntities';
import { readableModelRefs } from '../service/readableModelRefs';

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

/** The models an entity depends on (its dependsOn relations). */
const usedModelRefs = (entity: Entity) =>
  (entity.relations ?? [])
    .filter(r => r.type === RELATION_DEPENDS_ON && isModelRef(r.targetRef))
    .map(r => r.targetRef);

/** Service checks whose verdicts tell something of the models used. */
const MODEL_READING_CHECKS = SERVICE_CHECKS.filter(c => c.readsModels);
const MODEL_READING_CHECK_IDS = new Set(MODEL_READING_CHECKS.map(c => c.id));

/**
 * The golden-path engine: gathers facts about models and the services that
 * use them in batches, runs Model Hub's checks and those modules added,
 * and stores the verdicts with their history.
 */
export class GoldenPathService {
  private readonly keptScorecards = new VersionedCache<
    Awaited<ReturnType<ScorecardStore['entityScorecard']>>
  >({
    maxBytes: 16 * 1024 * 1024,
    sizeOf: stored => JSON.stringify(stored).length * 2,
  });

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      /** Asked with the caller's credentials what of a model they may read. */
      permissions: PermissionsService;
      summaries: ModelSummaryStore;
      scorecards: ScorecardStore;
      /** The policy and terms that apply to each model now. */
      terms: ApprovalTermsService;
      config: GoldenPathConfig;
      customChecks: GoldenPathCheck[];
      staleAfterMs: number;
      clock: () => Date;
      logger: LoggerService;
      /** Model revisions, raised when verdicts are saved (see storedScorecard). */
      revisions?: ModelRevisionStore;
      /** Checks a model scorecard's reader as the model page's other reads. */
      models?: {
        readableModel(
          model: { namespace: string; name: string },
          credentials: BackstageCredentials,
        ): Promise<{ entity: Entity }>;
      };
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

  /** Entities by ref, as Model Hub itself sees them (scheduled evaluation). */
  private async byRefs(refs: string[]): Promise<Map<string, Entity>> {
    return entitiesVisibleTo(
      this.deps.catalog,
      refs,
      await this.deps.auth.getOwnServiceCredentials(),
    );
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

  /** The verdicts of enabled built-in checks on these facts. */
  private builtInVerdicts<F>(
    checks: BuiltInCheck<F>[],
    facts: F,
  ): EntityVerdict[] {
    const { thresholds } = this.deps.config;
    return checks.flatMap(check => {
      const { enabled, severity } = this.settings(check.id, check.severity);
      return enabled
        ? [
            {
              checkId: check.id,
              title: check.title,
              severity,
              ...check.evaluate(facts, thresholds),
            },
          ]
        : [];
    });
  }

  /** Built-in verdicts, then those of the checks modules added. */
  private async runChecks(
    entity: Entity,
    builtIn: EntityVerdict[],
  ): Promise<EntityVerdict[]> {
    const verdicts = [...builtIn];
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
    return this.runChecks(
      facts.entity,
      this.builtInVerdicts(MODEL_CHECKS, facts),
    );
  }

  private async evaluateService(facts: ServiceFacts) {
    return this.runChecks(
      facts.entity,
      this.builtInVerdicts(SERVICE_CHECKS, facts),
    );
  }

  /**
   * The models of these refs whose Model Hub data the caller may read: the
   * catalog shows them the entity, and `model-hub.model.read` allows it.
   */
  private async readableModels(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<ModelEntity[]> {
    const models = [
      ...(
        await entitiesVisibleTo(this.deps.catalog, refs, credentials)
      ).values(),
    ].filter(isModelEntity);
    const readable = await readableModelRefs(
      this.deps.permissions,
      models.map(m => stringifyEntityRef(m)),
      credentials,
    );
    return models.filter(m => readable.has(stringifyEntityRef(m)));
  }

  /** Facts of the models the caller may read, by ref. */
  private async readableFacts(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, ModelFacts>> {
    const facts = await this.modelFacts(
      await this.readableModels(refs, credentials),
    );
    return new Map(facts.map(f => [stringifyEntityRef(f.entity), f]));
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
        services.flatMap(s => usedModelRefs(s).filter(ref => !byRef.has(ref))),
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
   * about to create): nothing is stored. A model the caller may not read
   * counts as one that is not in the catalog.
   */
  async evaluateCandidate(
    service: Entity,
    credentials: BackstageCredentials,
  ): Promise<EntityVerdict[]> {
    const dependsOn = await candidateDependsOn(service);
    const withRelations: Entity = {
      ...service,
      relations: dependsOn.map(targetRef => ({
        type: RELATION_DEPENDS_ON,
        targetRef,
      })),
    };
    const byRef = await this.readableFacts(
      usedModelRefs(withRelations),
      credentials,
    );
    return this.evaluateService(this.serviceFacts(withRelations, byRef));
  }

  /**
   * The stored verdicts of one entity the caller can see, with its history.
   * A model's only for those who may read it (`model-hub.model.read`); a
   * service's checks that read models it uses are judged again with what
   * the caller may read of them, when that is not all.
   */
  async scorecard(entityRef: string, credentials: BackstageCredentials) {
    const { entity, ref } = await this.scoredEntity(entityRef, credentials);
    const checks = new Map(this.listChecks().map(c => [c.id, c]));
    const { verdicts: stored, changes: storedChanges } =
      await this.storedScorecard(ref);
    let verdicts: Array<Omit<StoredVerdict, 'entityRef' | 'entityKind'>> =
      stored;
    let changes = storedChanges;
    const used = isModelRef(ref) || !entity ? [] : usedModelRefs(entity);
    const byRef = used.length
      ? await this.readableFacts(used, credentials)
      : new Map();
    if (entity && used.some(m => !byRef.has(m))) {
      const live = this.builtInVerdicts(
        MODEL_READING_CHECKS,
        this.serviceFacts(entity, byRef),
      );
      verdicts = [
        ...stored.filter(v => !MODEL_READING_CHECK_IDS.has(v.checkId)),
        ...live.map(v => ({ ...v, evaluatedAt: stored[0]?.evaluatedAt })),
      ];
      changes = storedChanges.filter(
        c => !MODEL_READING_CHECK_IDS.has(c.checkId),
      );
    }
    const applicable = verdicts.filter(v => v.result !== 'not-applicable');
    const passed = applicable.filter(v => v.result === 'pass').length;
    return {
      entityRef: ref,
      evaluatedAt: stored[0]?.evaluatedAt,
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
   * An entity's stored verdicts and newest changes. A model's are kept while
   * its revision stays the same: saving verdicts raises it in the same
   * transaction, on whichever replica evaluated.
   */
  private async storedScorecard(ref: string) {
    const revisions = this.deps.revisions;
    if (!revisions || !isModelRef(ref)) {
      return this.deps.scorecards.entityScorecard(ref, 50);
    }
    const revision = await revisions.get(scorecardRevisionKey(ref));
    const kept = this.keptScorecards.get(ref, revision);
    if (kept) return kept;
    const stored = await this.deps.scorecards.entityScorecard(ref, 50);
    this.keptScorecards.set(ref, revision, stored);
    return stored;
  }

  /**
   * The entity a scorecard is of, once the caller may read it. A model's
   * scorecard needs only its ref: the model page's reads check it as the
   * other per-model reads do (ModelAccess.readableModel), without a
   * catalog request for callers who read every model. A service's needs its
   * entity (the models it uses).
   */
  private async scoredEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<{ entity?: Entity; ref: string }> {
    const parsed = parseEntityRef(entityRef);
    if (
      this.deps.models &&
      parsed.kind.toLocaleLowerCase('en-US') === 'model'
    ) {
      const { entity } = await this.deps.models.readableModel(
        { namespace: parsed.namespace, name: parsed.name },
        credentials,
      );
      // The entity's own spelling: verdicts are stored under it.
      return { ref: stringifyEntityRef(getCompoundEntityRef(entity)) };
    }
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity)
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    const ref = stringifyEntityRef(getCompoundEntityRef(entity));
    if (
      isModelRef(ref) &&
      !(await readableModelRefs(this.deps.permissions, [ref], credentials)).has(
        ref,
      )
    ) {
      throw new NotAllowedError(
        `Not allowed: ${modelHubReadPermission.name} on ${ref}`,
      );
    }
    return { entity, ref };
  }

  /**
   * Pass rates by owner and by system over the entities the caller can see
   * in the catalog, with the trend of the latest runs. Models the caller
   * may not read are left out, and so are the verdicts of service checks
   * that read such a model.
   */
  async overview(
    credentials: BackstageCredentials,
    filter: { kind?: string } = {},
  ) {
    const all = await this.deps.scorecards.listVerdicts();
    const visible = await entitiesVisibleTo(
      this.deps.catalog,
      all.map(v => v.entityRef),
      credentials,
      ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
    );
    const usedBy = new Map(
      [...visible].map(([ref, entity]) => [
        ref,
        isModelRef(ref) ? [ref] : usedModelRefs(entity),
      ]),
    );
    const readable = await readableModelRefs(
      this.deps.permissions,
      [...usedBy.values()].flat(),
      credentials,
    );
    // A model the caller's catalog does not show counts as one they may not
    // read, whether or not it exists: telling the two apart would tell
    // whether a hidden model exists.
    const mayRead = (ref: string) => visible.has(ref) && readable.has(ref);
    const shown = (v: StoredVerdict) =>
      v.entityKind === 'model' || MODEL_READING_CHECK_IDS.has(v.checkId)
        ? usedBy.get(v.entityRef)!.every(mayRead)
        : true;
    const verdicts = all.filter(
      v =>
        visible.has(v.entityRef) &&
        shown(v) &&
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
