import {
  createTestDatabases,
  createTestStores,
  testModelRef as modelRef,
} from '../__testUtils__/testStores';
import { VersionExistsError } from './VersionStore';

const databases = createTestDatabases();

const input = {
  version: '2.0.0',
  artifactUri: 's3://models/fraud/2.0.0',
  datasets: ['resource:default/transactions'],
  metrics: [{ name: 'recall', value: 0.91, slice: 'card-not-present' }],
  evidence: {},
};
const published = { contentHash: 'abc', by: 'user:default/a', at: '' };
const at = (day: number) =>
  `2026-11-${String(day).padStart(2, '0')}T00:00:00.000Z`;

describe.each(databases.eachSupportedId())('DatabaseVersionStore on %s', id => {
  it('stores a version with its content hash and refuses the version string twice', async () => {
    const { stores } = await createTestStores(databases, id);
    const version = await stores.versions.insert(modelRef, input, {
      ...published,
      at: at(1),
    });
    expect(version).toMatchObject({
      ...input,
      modelRef,
      hasReferenceProfile: false,
      publishedBy: 'user:default/a',
      publishedAt: at(1),
    });
    expect(await stores.versions.getPublished(modelRef, '2.0.0')).toEqual({
      version,
      contentHash: 'abc',
    });
    expect(await stores.versions.get(modelRef, '9.9.9')).toBeUndefined();
    expect(await stores.versions.get('model:default/other', '2.0.0')).toBe(
      undefined,
    );

    // The unique index answers for both databases alike.
    const error = await stores.versions
      .insert(modelRef, input, { ...published, at: at(2) })
      .then(
        () => undefined,
        e => e,
      );
    expect(error).toBeInstanceOf(VersionExistsError);
  });

  it('pages versions newest first, and summarises them without the drift reference', async () => {
    const { stores } = await createTestStores(databases, id);
    for (let i = 1; i <= 5; i++) {
      await stores.versions.insert(
        modelRef,
        { ...input, version: `1.${i}.0` },
        { ...published, at: at(i) },
      );
    }
    const page = await stores.versions.listSummaries(modelRef, {
      limit: 2,
      offset: 1,
    });
    expect(page.totalItems).toBe(5);
    expect(page.items.map(v => v.version)).toEqual(['1.4.0', '1.3.0']);

    await stores.versions.insert(
      modelRef,
      { ...input, referenceProfile: { rows: [{ x: 1 }] } },
      { ...published, at: at(9) },
    );
    const summaries = await stores.versions.listSummaries(modelRef, {
      limit: 2,
      offset: 0,
    });
    expect(summaries.totalItems).toBe(6);
    expect(
      summaries.items.map(v => [
        v.version,
        v.hasReferenceProfile,
        v.referenceProfile,
      ]),
    ).toEqual([
      ['2.0.0', true, undefined],
      ['1.5.0', false, undefined],
    ]);
    expect(
      (await stores.versions.get(modelRef, '2.0.0'))?.referenceProfile,
    ).toEqual({ rows: [{ x: 1 }] });
  });

  it('reads many versions of a model at once, without the drift reference', async () => {
    const { stores } = await createTestStores(databases, id);
    // More than one batch of bound parameters.
    const wanted = Array.from({ length: 600 }, (_, i) => `0.0.${i}`);
    await stores.versions.insert(
      modelRef,
      {
        ...input,
        version: '0.0.1',
        referenceProfile: { rows: [{ x: 1 }] },
      },
      { ...published, at: at(1) },
    );
    await stores.versions.insert(
      modelRef,
      { ...input, version: '0.0.599' },
      { ...published, onBehalfOf: 'user:default/c', at: at(2) },
    );
    await stores.versions.insert(
      'model:default/other',
      { ...input, version: '0.0.2' },
      { ...published, at: at(3) },
    );

    const found = await stores.versions.getSummaries(modelRef, [
      ...wanted,
      '0.0.1',
    ]);
    expect([...found.keys()].sort()).toEqual(['0.0.1', '0.0.599']);
    expect(found.get('0.0.1')).toEqual({
      ...(await stores.versions.get(modelRef, '0.0.1')),
      referenceProfile: undefined,
    });
    expect(found.get('0.0.1')?.hasReferenceProfile).toBe(true);
    expect(found.get('0.0.599')).toMatchObject({
      modelRef,
      publishedBy: 'user:default/a',
      publishedOnBehalfOf: 'user:default/c',
      publishedAt: at(2),
    });
    expect((await stores.versions.getSummaries(modelRef, [])).size).toBe(0);
  });

  it('deprecates versions and merges attached evidence', async () => {
    const { stores } = await createTestStores(databases, id);
    await stores.versions.insert(
      modelRef,
      { ...input, evidence: { modelCard: 'https://wiki/card' } },
      { ...published, at: at(1) },
    );
    const deprecation = { reason: 'leaks', by: 'user:default/b', at: at(2) };
    expect(
      (await stores.versions.deprecate(modelRef, '2.0.0', deprecation))
        ?.deprecation,
    ).toEqual(deprecation);
    expect(
      await stores.versions.deprecate(modelRef, '9.9.9', deprecation),
    ).toBeUndefined();
    // A deprecation is recorded once: a second one changes nothing.
    expect(
      await stores.versions.deprecate(modelRef, '2.0.0', {
        reason: 'rewritten',
        by: 'user:default/c',
        at: at(3),
      }),
    ).toBeUndefined();
    expect((await stores.versions.get(modelRef, '2.0.0'))?.deprecation).toEqual(
      deprecation,
    );
  });

  it('moves aliases and deployments and tells what they pointed at before', async () => {
    const { stores } = await createTestStores(databases, id);
    const alias = (version: string, day: number) => ({
      alias: 'champion',
      version,
      updatedBy: 'user:default/a',
      updatedAt: at(day),
    });
    expect(await stores.versions.setAlias(modelRef, alias('1.0.0', 1))).toEqual(
      { previousVersion: undefined },
    );
    expect(await stores.versions.setAlias(modelRef, alias('2.0.0', 2))).toEqual(
      { previousVersion: '1.0.0' },
    );
    await stores.versions.setAlias(modelRef, {
      ...alias('1.0.0', 3),
      alias: 'challenger',
    });
    expect((await stores.versions.listPointers(modelRef)).aliases).toEqual([
      { ...alias('1.0.0', 3), alias: 'challenger' },
      alias('2.0.0', 2),
    ]);

    const deployment = (environment: string, version: string) => ({
      environment,
      version,
      deployedBy: 'user:default/a',
      deployedAt: at(4),
    });
    await stores.versions.setDeployment(modelRef, deployment('prod', '1.0.0'));
    await stores.versions.setDeployment(modelRef, deployment('dev', '2.0.0'));
    expect(
      await stores.versions.setDeployment(
        modelRef,
        deployment('prod', '2.0.0'),
      ),
    ).toEqual({ previousVersion: '1.0.0' });
    expect(await stores.versions.listPointers(modelRef)).toEqual({
      aliases: [
        { ...alias('1.0.0', 3), alias: 'challenger' },
        alias('2.0.0', 2),
      ],
      deployments: [deployment('dev', '2.0.0'), deployment('prod', '2.0.0')],
    });
    expect(await stores.versions.listPointers('model:default/x')).toEqual({
      aliases: [],
      deployments: [],
    });
  });
});
