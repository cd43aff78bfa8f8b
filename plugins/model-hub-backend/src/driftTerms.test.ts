import { mockCredentials } from '@backstage/backend-test-utils';
import {
  modelHubDriftSubmitPermission,
  modelHubReadPermission,
  modelHubVersionPublishPermission,
} from '@model-hub/backstage-plugin-model-hub-common';
import { incomeRows, modelEntity } from './__testUtils__/entities';
import {
  callJson,
  modelHubTestDatabases,
  permissionsAllowing,
  startModelHubMockBackend,
} from './__testUtils__/mockBackend';

/*
 * Issue #21, finding 6 ("the drift submitter controls the verdict"): a
 * window is judged by the drift terms its version published, a submission
 * can only make them stricter, its window must have ended, and submitting
 * drift is a permission of its own, so a serving service's drift token
 * cannot publish, deploy or deprecate.
 */
jest.setTimeout(60_000);

const { databases, ids } = modelHubTestDatabases();
const dana = mockCredentials.user.header('user:default/dana');
const ci = mockCredentials.service.header();
const model = '/models/default/credit-scoring-pd';
const entities = [modelEntity('credit-scoring-pd')];

/**
 * Everything for users; for service tokens only the named permissions, as
 * an adopter's policy (or a token's access restrictions) would grant them.
 */
const permissionsForServices = (allowed: string[]) =>
  permissionsAllowing(
    ({ permission, principal }) =>
      principal?.type !== 'service' || allowed.includes(permission),
  );

describe.each(ids)('drift terms on %s', databaseId => {
  let started: Awaited<ReturnType<typeof startModelHubMockBackend>>;
  const call = (path: string, options: Parameters<typeof callJson>[1] = {}) =>
    callJson(`${started.base}${path}`, { auth: dana, ...options });
  const publish = (version: string, body: Record<string, unknown> = {}) =>
    call(`${model}/versions`, {
      body: {
        version,
        artifactUri: `s3://models/pd/${version}`,
        referenceProfile: { rows: incomeRows(300, 0) },
        ...body,
      },
    });
  const submit = (version: string, body: Record<string, unknown>) =>
    call(`${model}/versions/${version}/drift-reports`, {
      body: { environment: 'production', rows: incomeRows(300, 0), ...body },
    });
  /** A backend whose service tokens may do only what `allowed` names. */
  const startAllowingServices = (allowed: string[]) =>
    startModelHubMockBackend({
      databases,
      databaseId,
      entities,
      extraFeatures: [permissionsForServices(allowed).factory],
    });
  const storedReports = async () =>
    (await call(`${model}/drift-reports`)).body.totalItems;

  describe('with default permissions', () => {
    beforeAll(async () => {
      started = await startModelHubMockBackend({
        databases,
        databaseId,
        entities,
      });
      const published = await publish('1.0.0');
      if (published.status !== 201) {
        throw new Error(`publishing 1.0.0 answered ${published.status}`);
      }
    });
    afterAll(() => started.backend.stop());

    it('refuses a window that ends in the future, beyond the clock skew', async () => {
      const now = Date.now();
      for (const ahead of [366 * 86_400_000, 10 * 60_000]) {
        const refused = await submit('1.0.0', {
          windowStart: new Date(now - 3_600_000).toISOString(),
          windowEnd: new Date(now + ahead).toISOString(),
        });
        expect({ ahead, status: refused.status }).toEqual({
          ahead,
          status: 400,
        });
        expect(refused.body.error.message).toMatch(
          /^windowEnd: .* is in the future/,
        );
      }
      expect(await storedReports()).toBe(0);
      // A minute of clock skew is fine.
      const skewed = await submit('1.0.0', {
        windowEnd: new Date(now + 60_000).toISOString(),
      });
      expect(skewed.status).toBe(201);
      expect(await storedReports()).toBe(1);
    });

    it('judges by the drift terms the version publishes, and audits them', async () => {
      const driftSettings = {
        methods: { income: 'psi' },
        thresholds: { income: 0.2, region: 0.5 },
      };
      const published = await publish('2.0.0', { driftSettings });
      expect(published.status).toBe(201);
      expect(published.body.driftSettings).toEqual(driftSettings);
      const read = await call(`${model}/versions/2.0.0`);
      expect(read.body.driftSettings).toEqual(driftSettings);
      const audit = await call(`${model}/audit-events`);
      expect(audit.body.items[0]).toMatchObject({
        action: 'version.published',
        payload: { version: '2.0.0', driftSettings },
      });

      const report = await submit('2.0.0', {
        rows: incomeRows(300, 2_000),
      });
      expect(report.status).toBe(201);
      const columns = Object.fromEntries(
        report.body.report.columns.map((c: any) => [c.column, c]),
      );
      expect(columns.income).toMatchObject({ method: 'psi', threshold: 0.2 });
      // region keeps the engine's default method (a p-value), with the
      // version's alpha.
      expect(columns.region).toMatchObject({ method: 'z', threshold: 0.5 });
    });

    it("takes only drift terms that fit the version's reference", async () => {
      const refusals: Array<[Record<string, unknown>, RegExp]> = [
        [
          { methods: { region: 'ks' } },
          /^driftSettings\.methods\.region: "ks" does not apply to region, a categorical column/,
        ],
        [
          { thresholds: { nope: 0.1 } },
          /^driftSettings\.thresholds\.nope: nope is not a column/,
        ],
        [{ methods: { income: 'magic' } }, /driftSettings/],
      ];
      for (const [driftSettings, message] of refusals) {
        const refused = await publish('3.0.0', { driftSettings });
        expect({ driftSettings, status: refused.status }).toEqual({
          driftSettings,
          status: 400,
        });
        expect(refused.body.error.message).toMatch(message);
      }
      const versions = await call(`${model}/versions`);
      expect(versions.body.items.map((v: any) => v.version)).not.toContain(
        '3.0.0',
      );
    });

    it('refuses methods that differ from the version, naming the field, and stores nothing', async () => {
      const before = await storedReports();
      const refusals: Array<[string, Record<string, string>, RegExp]> = [
        // 2.0.0 publishes psi for income.
        ['2.0.0', { income: 'ks' }, /^methods\.income: "ks" differs/],
        // 1.0.0 publishes no method: the engine's default is the version's.
        ['1.0.0', { income: 'psi' }, /^methods\.income: "psi" differs/],
        ['1.0.0', { income: 'magic' }, /^methods\.income: "magic" is not/],
      ];
      for (const [version, methods, message] of refusals) {
        const refused = await submit(version, { methods });
        expect({ version, methods, status: refused.status }).toEqual({
          version,
          methods,
          status: 400,
        });
        expect(refused.body.error.message).toMatch(message);
      }
      // The version's own method is no change.
      expect(
        (await submit('2.0.0', { methods: { income: 'psi' } })).status,
      ).toBe(201);
      expect(await storedReports()).toBe(before + 1);
    });

    it('takes thresholds only when they are stricter, in the direction of each method', async () => {
      const before = await storedReports();
      const looser: Array<[string, Record<string, number>, RegExp]> = [
        // psi is a distance: drift when at or above; 0.2 published.
        ['2.0.0', { income: 0.3 }, /^thresholds\.income: 0\.3 is looser/],
        // region's z-test p-value: drift when below; 0.5 published.
        ['2.0.0', { region: 0.05 }, /^thresholds\.region: 0\.05 is looser/],
        // 1.0.0: the default ks alpha 0.05 for income.
        ['1.0.0', { income: 0.001 }, /^thresholds\.income: 0\.001 is looser/],
        ['1.0.0', { nope: 0.1 }, /^thresholds\.nope: /],
      ];
      for (const [version, thresholds, message] of looser) {
        const refused = await submit(version, { thresholds });
        expect({ thresholds, status: refused.status }).toEqual({
          thresholds,
          status: 400,
        });
        expect(refused.body.error.message).toMatch(message);
      }
      expect(await storedReports()).toBe(before);

      const stricter = await submit('2.0.0', {
        thresholds: { income: 0.1, region: 0.9 },
      });
      expect(stricter.status).toBe(201);
      const columns = Object.fromEntries(
        stricter.body.report.columns.map((c: any) => [c.column, c]),
      );
      expect(columns.income.threshold).toBe(0.1);
      expect(columns.region.threshold).toBe(0.9);
      const defaults = await submit('1.0.0', { thresholds: { income: 0.2 } });
      expect(defaults.status).toBe(201);
      expect(defaults.body.report.columns[0]).toMatchObject({
        column: 'income',
        method: 'ks',
        threshold: 0.2,
      });
    });
    it('judges every column the reference and the window share', async () => {
      const before = await storedReports();
      // income drifts; leaving it out would make the window look stable.
      const narrowed = await submit('1.0.0', {
        rows: incomeRows(300, 25_000),
        columns: ['region'],
      });
      expect(narrowed.status).toBe(400);
      expect(narrowed.body.error.message).toMatch(
        /^columns: leaves out income/,
      );
      expect(await storedReports()).toBe(before);
      const all = await submit('1.0.0', {
        rows: incomeRows(300, 25_000),
        columns: ['region', 'income'],
      });
      expect(all.status).toBe(201);
      expect(all.body.report.columns.map((c: any) => c.column)).toEqual([
        'region',
        'income',
      ]);
    });
  });

  it('lets a token that may only submit drift do nothing else', async () => {
    started = await startAllowingServices([modelHubDriftSubmitPermission.name]);
    try {
      expect((await publish('1.0.0')).status).toBe(201);
      const asCi = { auth: ci };
      const refused = {
        publish: await call(`${model}/versions`, {
          ...asCi,
          body: { version: '1.0.1', artifactUri: 's3://models/pd/1.0.1' },
        }),
        deploy: await call(`${model}/deployments/production`, {
          ...asCi,
          method: 'PUT',
          body: { version: '1.0.0' },
        }),
        alias: await call(`${model}/aliases/champion`, {
          ...asCi,
          method: 'PUT',
          body: { version: '1.0.0' },
        }),
        deprecate: await call(`${model}/versions/1.0.0/deprecation`, {
          ...asCi,
          body: { reason: 'Replaced' },
        }),
      };
      expect(
        Object.fromEntries(
          Object.entries(refused).map(([k, v]) => [k, v.status]),
        ),
      ).toEqual({ publish: 403, deploy: 403, alias: 403, deprecate: 403 });
      const submitted = await submit('1.0.0', {});
      expect(submitted.status).toBe(201);
      const asService = await call(`${model}/versions/1.0.0/drift-reports`, {
        ...asCi,
        body: { environment: 'production', rows: incomeRows(300, 0) },
      });
      expect(asService.status).toBe(201);
      expect(asService.body.submittedBy).toMatch(/^service:/);
      const versions = await call(`${model}/versions`);
      expect(versions.body.items.map((v: any) => v.version)).toEqual(['1.0.0']);
      expect(versions.body.items[0].deprecation).toBeUndefined();
    } finally {
      await started.backend.stop();
    }
  });

  it('no longer lets the publish permission submit drift', async () => {
    started = await startAllowingServices([
      modelHubReadPermission.name,
      modelHubVersionPublishPermission.name,
    ]);
    try {
      const published = await call(`${model}/versions`, {
        auth: ci,
        body: {
          version: '1.0.0',
          artifactUri: 's3://models/pd/1.0.0',
          referenceProfile: { rows: incomeRows(300, 0) },
        },
      });
      expect(published.status).toBe(201);
      const refused = await call(`${model}/versions/1.0.0/drift-reports`, {
        auth: ci,
        body: { environment: 'production', rows: incomeRows(300, 0) },
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/model-hub\.drift\.submit/);
      expect(await storedReports()).toBe(0);
    } finally {
      await started.backend.stop();
    }
  });
});
