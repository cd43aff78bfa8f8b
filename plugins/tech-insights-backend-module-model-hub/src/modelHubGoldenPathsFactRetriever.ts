import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  FactRetriever,
  FactRetrieverContext,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import type {
  EntityScorecard,
  ModelHubService,
} from '@model-hub/backstage-plugin-model-hub-node';
import {
  checkIdToFactName,
  MODEL_HUB_GOLDEN_PATH_CHECKS,
  MODEL_HUB_SUMMARY_FACTS,
} from './factNames';

/**
 * The id of the fact retriever: the key under
 * `techInsights.factRetrievers` in app-config, the `factIds` entry of checks
 * and the id of its scheduled task.
 *
 * @public
 */
export const MODEL_HUB_FACT_RETRIEVER_ID = 'modelHubGoldenPathsFactRetriever';

/** Entities to score: Models, and Components (the services that use them). */
const DEFAULT_ENTITY_FILTER = [{ kind: ['Model', 'Component'] }];

const PAGE_SIZE = 500;

type FactSchema = FactRetriever['schema'];
type FactValues = TechInsightFact['facts'];

/** Check id → fact name, for Model Hub's own checks. */
const CHECK_FACT_NAMES = new Map(
  MODEL_HUB_GOLDEN_PATH_CHECKS.map(c => [c.id, checkIdToFactName(c.id)]),
);

function buildSchema(): FactSchema {
  const schema: FactSchema = {};
  for (const check of MODEL_HUB_GOLDEN_PATH_CHECKS) {
    schema[CHECK_FACT_NAMES.get(check.id)!] = {
      type: 'boolean',
      description: `${check.title} (Model Hub check ${check.id}, for ${
        check.appliesTo === 'model' ? 'models' : 'services that use models'
      }): true when it passes, false when it fails; absent when it does not apply to the entity`,
      metadata: { modelHubCheckId: check.id },
    };
  }
  schema[MODEL_HUB_SUMMARY_FACTS.passRate] = {
    type: 'float',
    description:
      "Model Hub's golden-path pass rate of the entity, 0 to 1: passed / applicable checks (1 when none applies)",
  };
  schema[MODEL_HUB_SUMMARY_FACTS.failedChecks] = {
    type: 'integer',
    description:
      'How many golden-path checks the entity fails, Model Hub checks and those modules added',
  };
  schema[MODEL_HUB_SUMMARY_FACTS.failingCheckIds] = {
    type: 'set',
    description:
      'The ids of the failing golden-path checks as Model Hub names them (e.g. model-owner-team-size), including checks added by modules, which have no boolean fact of their own',
  };
  schema[MODEL_HUB_SUMMARY_FACTS.evaluatedAt] = {
    type: 'datetime',
    description: 'When Model Hub last evaluated the entity',
  };
  return schema;
}

/**
 * The facts of one scorecard: a boolean per Model Hub check that applies
 * (`not-applicable` verdicts are left out), the pass rate, the number and ids
 * of failing checks, and when Model Hub evaluated them.
 */
export function scorecardToFacts(scorecard: EntityScorecard): FactValues {
  const facts: FactValues = {
    [MODEL_HUB_SUMMARY_FACTS.passRate]: scorecard.passRate,
    [MODEL_HUB_SUMMARY_FACTS.failedChecks]: scorecard.failed,
    [MODEL_HUB_SUMMARY_FACTS.failingCheckIds]: scorecard.verdicts
      .filter(v => v.result === 'fail')
      .map(v => v.checkId)
      .sort(),
  };
  if (scorecard.evaluatedAt) {
    facts[MODEL_HUB_SUMMARY_FACTS.evaluatedAt] = scorecard.evaluatedAt;
  }
  for (const verdict of scorecard.verdicts) {
    const name = CHECK_FACT_NAMES.get(verdict.checkId);
    if (!name || verdict.result === 'not-applicable') continue;
    facts[name] = verdict.result === 'pass';
  }
  return facts;
}

const isModelRef = (ref: string) =>
  parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'model';

/**
 * The entities Model Hub scores among those the filter selects: every Model,
 * and every other entity that depends on a Model (a service). Others have an
 * empty scorecard, so they are not asked for.
 */
async function scoredEntities(
  catalog: CatalogService,
  filter: NonNullable<FactRetrieverContext['entityFilter']>,
  credentials: BackstageCredentials,
): Promise<Entity[]> {
  const fields = ['kind', 'metadata.namespace', 'metadata.name', 'relations'];
  const all: Entity[] = [];
  let response = await catalog.queryEntities(
    { filter, fields, limit: PAGE_SIZE },
    { credentials },
  );
  all.push(...response.items);
  while (response.pageInfo.nextCursor) {
    response = await catalog.queryEntities(
      { cursor: response.pageInfo.nextCursor, fields, limit: PAGE_SIZE },
      { credentials },
    );
    all.push(...response.items);
  }
  return all.filter(
    entity =>
      entity.kind.toLocaleLowerCase('en-US') === 'model' ||
      (entity.relations ?? []).some(
        r => r.type === RELATION_DEPENDS_ON && isModelRef(r.targetRef),
      ),
  );
}

/** Runs `fn` on every item, at most `limit` at a time. */
async function forEachLimited<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await fn(item);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
}

/**
 * Options of {@link createModelHubGoldenPathsFactRetriever}.
 *
 * @public
 */
export type ModelHubGoldenPathsFactRetrieverOptions = {
  /** Where the scorecards come from: `modelHubServiceRef` of the tech-insights plugin. */
  modelHub: ModelHubService;
  /** Lists the entities to score: `catalogServiceRef` of the tech-insights plugin. */
  catalog: CatalogService;
  /** How many scorecards to request at a time; 5 by default. */
  concurrency?: number;
};

/**
 * A Tech Insights fact retriever that turns Model Hub's golden-path
 * scorecards of Models and of the Components that use them into facts.
 *
 * For each such entity it reads the scorecard through Model Hub's
 * `ModelHubService` (`getScorecard`) with the
 * tech-insights plugin's own service credentials (from the retriever
 * context's `auth`), and returns:
 *
 * - one boolean per Model Hub check (fact name: {@link checkIdToFactName} of
 *   the check id): `true` = pass, `false` = fail; a check that does not apply
 *   to the entity (`not-applicable`, or a service check on a model) is left
 *   out, so Tech Insights' JSON rules engine skips checks on it for that
 *   entity instead of counting a vacuous pass;
 * - `modelHubPassRate` (float), `modelHubFailedChecks` (integer),
 *   `modelHubFailingCheckIds` (set) and `modelHubEvaluatedAt` (datetime).
 *
 * Entities Model Hub has not evaluated yet, or cannot see, get no facts. A
 * scorecard that cannot be read is logged and skipped; if no scorecard at all
 * can be read the run fails (and Tech Insights keeps the facts it has).
 *
 * @public
 */
export function createModelHubGoldenPathsFactRetriever(
  options: ModelHubGoldenPathsFactRetrieverOptions,
): FactRetriever {
  const { modelHub, catalog, concurrency = 5 } = options;
  return {
    id: MODEL_HUB_FACT_RETRIEVER_ID,
    version: '1.0.0',
    title: 'Model Hub golden paths',
    description:
      "Model Hub's golden-path verdicts of models and of the services that use them",
    entityFilter: DEFAULT_ENTITY_FILTER,
    schema: buildSchema(),
    async handler(ctx: FactRetrieverContext): Promise<TechInsightFact[]> {
      const logger: LoggerService = ctx.logger;
      const credentials = await ctx.auth.getOwnServiceCredentials();
      const entities = await scoredEntities(
        catalog,
        ctx.entityFilter ?? DEFAULT_ENTITY_FILTER,
        credentials,
      );

      const facts: TechInsightFact[] = [];
      const errors: string[] = [];
      await forEachLimited(entities, concurrency, async entity => {
        const entityRef = stringifyEntityRef(entity);
        try {
          const scorecard = await modelHub.getScorecard(entityRef, {
            credentials,
          });
          // Not visible, or not evaluated yet: nothing to say about it.
          if (!scorecard?.evaluatedAt || scorecard.verdicts.length === 0) {
            return;
          }
          facts.push({
            entity: {
              kind: entity.kind,
              namespace: entity.metadata.namespace ?? 'default',
              name: entity.metadata.name,
            },
            facts: scorecardToFacts(scorecard),
          });
        } catch (error) {
          errors.push(`${entityRef}: ${(error as Error).message}`);
        }
      });

      if (errors.length > 0) {
        logger.warn(
          `Could not read the Model Hub scorecard of ${errors.length} of ${
            entities.length
          } entities: ${errors.slice(0, 5).join('; ')}`,
        );
        if (errors.length === entities.length) {
          throw new Error(
            `Could not read any Model Hub scorecard, first error: ${errors[0]}`,
          );
        }
      }
      logger.info(
        `Model Hub golden-path facts for ${facts.length} of ${entities.length} models and services`,
      );
      return facts.sort((a, b) =>
        stringifyEntityRef(a.entity).localeCompare(
          stringifyEntityRef(b.entity),
        ),
      );
    },
  };
}
