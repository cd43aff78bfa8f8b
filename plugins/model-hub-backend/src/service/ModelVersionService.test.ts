import { mockCredentials } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  createTestDatabases,
  createTestStores,
  testModelAccess,
} from '../__testUtils__/testStores';
import { ModelVersionService } from './ModelVersionService';

const databases = createTestDatabases();

const model = { namespace: 'default', name: 'fraud' };
const dana = mockCredentials.user('user:default/dana');
const input = {
  version: '2.0.0',
  artifactUri: 's3://models/fraud/2.0.0',
  datasets: ['resource:default/transactions'],
  metrics: [{ name: 'recall', value: 0.91, slice: 'card-not-present' }],
  evidence: {},
};
const page = { limit: 20, offset: 0 };

describe.each(databases.eachSupportedId())('ModelVersionService on %s', id => {
  async function setup() {
    const { stores } = await createTestStores(databases, id);
    const service = new ModelVersionService({
      stores,
      access: testModelAccess(),
      clock: () => new Date('2026-11-22T10:00:00.000Z'),
    });
    return { stores, service };
  }

  it('keeps pages of versions and audit events only while no replica wrote to the model', async () => {
    const { stores, service } = await setup();
    // Another replica: its own memory, the same database.
    const otherReplica = new ModelVersionService({
      stores,
      access: testModelAccess(),
      clock: () => new Date('2026-11-22T11:00:00.000Z'),
    });
    await service.publish(model, input, dana);
    const listed = jest.spyOn(stores.versions, 'listSummaries');
    const versionsOf = async () =>
      JSON.parse(await service.listVersionsJson(model, page, dana));
    const actionsOf = async () =>
      JSON.parse(await service.auditTrailJson(model, page, dana)).items.map(
        (e: { action: string }) => e.action,
      );

    expect((await versionsOf()).totalItems).toBe(1);
    expect((await versionsOf()).totalItems).toBe(1);
    expect(listed).toHaveBeenCalledTimes(1);
    expect(await actionsOf()).toEqual(['version.published']);

    await otherReplica.publish(model, { ...input, version: '2.1.0' }, dana);
    await otherReplica.deprecate(model, '2.0.0', 'leaked label', dana);

    const after = await versionsOf();
    expect(after.items.map((v: { version: string }) => v.version)).toEqual([
      '2.1.0',
      '2.0.0',
    ]);
    expect(after.items[1].deprecation).toMatchObject({
      reason: 'leaked label',
    });
    expect(await actionsOf()).toEqual([
      'version.deprecated',
      'version.published',
      'version.published',
    ]);
  });

  it('publishes idempotently, refuses conflicting content, and audits once', async () => {
    const { service } = await setup();
    const first = await service.publish(model, input, dana);
    expect(first.created).toBe(true);
    // Key order does not matter for identical content.
    const again = await service.publish(
      model,
      {
        metrics: [{ value: 0.91, slice: 'card-not-present', name: 'recall' }],
        evidence: {},
        datasets: input.datasets,
        artifactUri: input.artifactUri,
        version: input.version,
      },
      dana,
    );
    expect(again).toEqual({ version: first.version, created: false });
    await expect(
      service.publish(model, { ...input, artifactUri: 's3://x' }, dana),
    ).rejects.toThrow(ConflictError);

    const audit = await service.auditTrail(model, page, dana);
    expect(audit.items.map(e => e.action)).toEqual(['version.published']);
    expect(audit.items[0].payload).toMatchObject({
      version: '2.0.0',
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('settles concurrent publishes of one version by its content', async () => {
    const { service } = await setup();
    const same = await Promise.all([
      service.publish(model, input, dana),
      service.publish(model, input, dana),
    ]);
    expect(same.map(r => r.created).sort()).toEqual([false, true]);

    const different = await Promise.allSettled([
      service.publish(model, { ...input, version: '3.0.0' }, dana),
      service.publish(
        model,
        { ...input, version: '3.0.0', artifactUri: 's3://x' },
        dana,
      ),
    ]);
    expect(different.map(r => r.status).sort()).toEqual([
      'fulfilled',
      'rejected',
    ]);
    const refused = different.find(r => r.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(
      ConflictError,
    );
    expect((await service.auditTrail(model, page, dana)).totalItems).toBe(2);
  });

  it('answers a publish that lost the race to the unique index by content', async () => {
    const { stores, service } = await setup();
    await service.publish(model, input, dana);
    // As if the other publish committed between our read and our insert:
    // the first read misses it, the insert hits the unique index.
    const getPublished = jest.spyOn(stores.versions, 'getPublished');
    getPublished.mockResolvedValueOnce(undefined);
    expect((await service.publish(model, input, dana)).created).toBe(false);
    getPublished.mockResolvedValueOnce(undefined);
    await expect(
      service.publish(model, { ...input, artifactUri: 's3://x' }, dana),
    ).rejects.toThrow(/already published with different content/);
    expect((await service.auditTrail(model, page, dana)).totalItems).toBe(1);
  });

  it('audits alias and deployment moves with the version they left', async () => {
    const { service } = await setup();
    await service.publish(model, input, dana);
    await service.publish(model, { ...input, version: '2.1.0' }, dana);
    await service.setAlias(model, 'champion', '2.0.0', dana);
    expect(await service.setAlias(model, 'champion', '2.1.0', dana)).toEqual({
      alias: 'champion',
      version: '2.1.0',
      updatedBy: 'user:default/dana',
      updatedAt: '2026-11-22T10:00:00.000Z',
    });
    await service.setDeployment(model, 'prod', '2.1.0', dana);

    const audit = await service.auditTrail(model, page, dana);
    expect(
      audit.items
        .filter(e => e.action !== 'version.published')
        .map(e => e.payload),
    ).toEqual([
      { environment: 'prod', version: '2.1.0', previousVersion: null },
      { alias: 'champion', version: '2.1.0', previousVersion: '2.0.0' },
      { alias: 'champion', version: '2.0.0', previousVersion: null },
    ]);
    expect(await service.overview(model, dana)).toMatchObject({
      aliases: [{ alias: 'champion', version: '2.1.0' }],
      deployments: [{ environment: 'prod', version: '2.1.0' }],
    });
  });

  it('deprecates versions, which then cannot be pointed at', async () => {
    const { service } = await setup();
    await service.publish(model, input, dana);
    await expect(
      service.deprecate(model, '9.9.9', 'gone', dana),
    ).rejects.toThrow(NotFoundError);
    const deprecated = await service.deprecate(model, '2.0.0', 'leaks', dana);
    expect(deprecated.deprecation?.reason).toBe('leaks');
    await expect(
      service.setDeployment(model, 'prod', '2.0.0', dana),
    ).rejects.toThrow(/deprecated/);
    expect(
      (await service.auditTrail(model, page, dana)).items.map(e => e.action),
    ).toEqual(['version.deprecated', 'version.published']);
  });
});
