import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  assessModelRisk,
  getModelEntityRefFields,
  isModelEntity,
  ModelEntity,
  RISK_LEVELS,
  validateModelEntity,
} from '@model-hub/backstage-plugin-model-hub-common';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  createTestDatabases,
  eventually,
  relationsOf,
  startCatalogTestBackend,
} from './__testUtils__/catalogTestBackend';

jest.setTimeout(120_000);

const EXAMPLES_DIR = path.resolve(__dirname, '../../../examples/model-hub');
const ENTRY = path.join(EXAMPLES_DIR, 'all.yaml');

function readEntities(file: string): Entity[] {
  const text = fs.readFileSync(file, 'utf8');
  return parseAllDocuments(text).map(doc => {
    if (doc.errors.length) {
      throw new Error(`${file}: ${doc.errors[0].message}`);
    }
    return doc.toJS() as Entity;
  });
}

const [location] = readEntities(ENTRY);
const files = (location.spec!.targets as string[]).map(target =>
  path.resolve(EXAMPLES_DIR, target),
);
const entities = files.flatMap(readEntities);
const refOf = (e: Entity) => stringifyEntityRef(e);
const known = new Set(entities.map(refOf));
const models = entities.filter(isModelEntity) as ModelEntity[];

/** Reference fields of the built-in kinds, with their default kinds. */
const BUILTIN_REF_FIELDS: Array<[field: string, defaultKind?: string]> = [
  ['owner', 'Group'],
  ['system', 'System'],
  ['domain', 'Domain'],
  ['subcomponentOf', 'Component'],
  ['providesApis', 'API'],
  ['consumesApis', 'API'],
  ['dependsOn'],
  ['dependencyOf'],
  ['parent', 'Group'],
  ['children', 'Group'],
  ['memberOf', 'Group'],
];

function unresolvedRefs(entity: Entity): string[] {
  const context = { defaultNamespace: entity.metadata.namespace ?? 'default' };
  type Ref = [path: string, ref: string, defaultKind: string | undefined];
  const refs: Ref[] = isModelEntity(entity)
    ? getModelEntityRefFields(entity).map(
        (f): Ref => [f.path, f.ref, f.defaultKind],
      )
    : BUILTIN_REF_FIELDS.flatMap(([field, defaultKind]) =>
        [entity.spec?.[field] ?? []]
          .flat()
          .map((ref): Ref => [`spec.${field}`, String(ref), defaultKind]),
      );
  return refs
    .filter(
      ([, ref, defaultKind]) =>
        !known.has(
          stringifyEntityRef(parseEntityRef(ref, { ...context, defaultKind })),
        ),
    )
    .map(([field, ref]) => `${refOf(entity)} ${field}: ${ref}`);
}

describe('Model Hub example data', () => {
  it('is loaded through all.yaml', () => {
    expect(location.kind).toBe('Location');
    expect(files.map(f => path.basename(f)).sort()).toEqual(
      fs
        .readdirSync(EXAMPLES_DIR)
        .filter(f => f.endsWith('.yaml') && f !== 'all.yaml')
        .sort(),
    );
  });

  it('has unique entity refs', () => {
    expect(known.size).toBe(entities.length);
  });

  it.each(models.map(m => [m.metadata.name, m] as const))(
    'model %s is valid',
    (_name, model) => {
      const result = validateModelEntity(model);
      expect(result.valid ? [] : result.problems).toEqual([]);
    },
  );

  it('resolves every reference to an entity of the set', () => {
    expect(entities.flatMap(unresolvedRefs)).toEqual([]);
  });

  it('covers the scenarios the app demonstrates', () => {
    expect(models.length).toBeGreaterThanOrEqual(12);

    const levels = new Set(models.map(m => assessModelRisk(m.spec.risk).level));
    expect([...levels].sort()).toEqual([...RISK_LEVELS].sort());

    const lifecycles = new Set(models.map(m => m.spec.lifecycle));
    expect(lifecycles).toEqual(
      new Set(['experimental', 'production', 'deprecated', 'retired']),
    );
    const categories = new Set(models.map(m => m.spec.risk.regulatoryCategory));
    expect(categories).toEqual(
      new Set(['minimal', 'limited', 'high', 'unacceptable']),
    );
    expect(models.filter(m => m.spec.fallbackModel).length).toBeGreaterThan(3);
    expect(models.some(m => m.spec.metrics?.some(metric => metric.slice))).toBe(
      true,
    );

    // A model owned by a one-person team, whose worst risk is skills loss.
    const memberCount = (group: string) =>
      entities.filter(
        e =>
          e.kind === 'User' && (e.spec?.memberOf as string[]).includes(group),
      ).length;
    const soloModels = models.filter(m => memberCount(m.spec.owner) === 1);
    expect(soloModels.map(m => m.metadata.name)).toEqual([
      'day-ahead-price-forecast',
    ]);
    expect(assessModelRisk(soloModels[0].spec.risk)).toMatchObject({
      level: 'Severe',
      worstRisk: 'skillsLoss',
    });

    // Services that use models, and APIs served by models.
    const modelRefs = new Set(models.map(refOf));
    const services = entities.filter(
      e =>
        e.kind === 'Component' &&
        e.spec?.type === 'service' &&
        (e.spec?.dependsOn as string[] | undefined)?.some(ref =>
          modelRefs.has(stringifyEntityRef(parseEntityRef(ref))),
        ),
    );
    expect(services.length).toBeGreaterThanOrEqual(6);
    const servedApis = new Set(
      models.map(m => m.spec.serving?.providesApi).filter(Boolean),
    );
    expect(servedApis.size).toBeGreaterThanOrEqual(6);
    expect(
      entities.filter(e => e.kind === 'Resource' && e.spec?.type === 'dataset')
        .length,
    ).toBeGreaterThanOrEqual(6);
  });
});

describe.each(createTestDatabases().eachSupportedId())(
  'Model Hub example data in the catalog on %s',
  databaseId => {
    const databases = createTestDatabases();

    it('is processed without errors', async () => {
      const catalog = await startCatalogTestBackend({
        databases,
        databaseId,
        locations: [ENTRY],
      });
      try {
        const stored = await eventually(async () => {
          const all = await catalog.getEntities();
          // Examples plus the Location entity of all.yaml and the one the
          // catalog creates for the configured location.
          expect(all.map(refOf).sort()).toEqual(
            [...known, 'location:default/model-hub-examples']
              .concat(
                all
                  .map(refOf)
                  .filter(ref => ref.startsWith('location:default/generated-')),
              )
              .sort(),
          );
          return all;
        });
        expect(catalog.processingErrors).toEqual(new Map());
        expect(
          stored.filter(e => (e as any).status?.items?.length).map(refOf),
        ).toEqual([]);

        // Which services use the credit model: one query.
        const users = await catalog.getEntities(
          'kind=component,relations.dependsOn=model:default/credit-scoring-pd',
        );
        expect(users.map(e => e.metadata.name)).toEqual([
          'loan-origination-service',
        ]);

        await eventually(async () => {
          expect(
            relationsOf(
              await catalog.getEntity('model:default/credit-scoring-pd'),
            ),
          ).toEqual([
            'dependencyOf component:default/loan-origination-service',
            'dependsOn resource:default/credit-bureau-records',
            'dependsOn resource:default/loan-applications',
            'dependsOn resource:default/loan-performance-holdout',
            'fallbackModelOf model:default/credit-scoring-pd-challenger',
            'hasFallbackModel model:default/credit-scorecard-logit',
            'ownedBy group:default/credit-risk-analytics',
            'partOf system:default/consumer-lending',
            'providesApi api:default/credit-score-api',
          ]);
        });
      } finally {
        await catalog.stop();
      }
    });
  },
);
