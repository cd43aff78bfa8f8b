import {
  createTestDatabases,
  createTestStores,
  testModelRef as modelRef,
} from '../__testUtils__/testStores';
import { DriftReportRecord } from './types';

const databases = createTestDatabases();

const day = (d: number) =>
  `2026-11-${String(d).padStart(2, '0')}T00:00:00.000Z`;

function report(
  environment: string,
  windowEndDay: number,
  overrides: Partial<DriftReportRecord> = {},
): Omit<DriftReportRecord, 'id'> {
  return {
    modelRef,
    version: '1.0.0',
    environment,
    windowStart: day(windowEndDay - 1),
    windowEnd: day(windowEndDay),
    status: 'warning',
    driftedShare: 0.25,
    datasetDrift: false,
    report: { columns: [] },
    submittedBy: 'service:monitor',
    createdAt: day(windowEndDay),
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseDriftReportStore on %s',
  id => {
    it('stores reports and pages them by window, filtered', async () => {
      const { stores } = await createTestStores(databases, id);
      const stored = await stores.driftReports.insert(
        report('prod', 2, { datasetDrift: true, status: 'drift' }),
      );
      expect(stored).toEqual({
        ...report('prod', 2, { datasetDrift: true, status: 'drift' }),
        id: expect.any(String),
      });
      await stores.driftReports.insert(report('prod', 4));
      await stores.driftReports.insert(report('prod', 6));
      await stores.driftReports.insert(report('dev', 5));

      // A page's ids, then the reports.
      const list = async (
        ...args: Parameters<typeof stores.driftReports.pageIds>
      ) => {
        const ids = await stores.driftReports.pageIds(...args);
        const reports = await stores.driftReports.get(ids.items);
        return {
          totalItems: ids.totalItems,
          items: ids.items.map(i => reports.find(r => r.id === i)!),
        };
      };
      const page = await list(
        modelRef,
        { environment: 'prod' },
        { limit: 2, offset: 0 },
      );
      expect(page.totalItems).toBe(3);
      expect(page.items.map(r => r.windowEnd)).toEqual([day(6), day(4)]);

      const window = await list(
        modelRef,
        { from: day(4), to: day(5) },
        { limit: 10, offset: 0 },
      );
      expect(window.items.map(r => [r.environment, r.windowEnd])).toEqual([
        ['dev', day(5)],
        ['prod', day(4)],
      ]);
    });

    it('finds the latest report per environment', async () => {
      const { stores } = await createTestStores(databases, id);
      await stores.driftReports.insert(report('prod', 2));
      await stores.driftReports.insert(report('dev', 3));
      await stores.driftReports.insert(report('prod', 4, { status: 'ok' }));
      // A late upload of an older window is not the latest.
      await stores.driftReports.insert(report('prod', 3, { status: 'drift' }));
      const latest = await stores.driftReports.latestPerEnvironment(modelRef);
      expect(latest.map(r => [r.environment, r.windowEnd, r.status])).toEqual([
        ['dev', day(3), 'warning'],
        ['prod', day(4), 'ok'],
      ]);
    });

    it('offers each stale latest report once', async () => {
      const { stores } = await createTestStores(databases, id);
      await stores.driftReports.insert(report('prod', 2));
      await stores.driftReports.insert(report('prod', 8));
      // A late upload of an old window does not make prod look stale.
      await stores.driftReports.insert(report('prod', 3));
      const dev = await stores.driftReports.insert(report('dev', 3));
      await stores.driftReports.insert({
        ...report('prod', 2),
        modelRef: 'model:default/other',
      });

      const candidates = await stores.driftReports.listStaleCandidates(day(5));
      expect(candidates.map(r => [r.modelRef, r.environment])).toEqual(
        expect.arrayContaining([
          [modelRef, 'dev'],
          ['model:default/other', 'prod'],
        ]),
      );
      expect(candidates).toHaveLength(2);

      expect(await stores.driftReports.markStale(dev.id, day(5))).toBe(true);
      expect(await stores.driftReports.markStale(dev.id, day(6))).toBe(false);
      expect(
        (await stores.driftReports.listStaleCandidates(day(5))).map(
          r => r.modelRef,
        ),
      ).toEqual(['model:default/other']);
    });
  },
);
