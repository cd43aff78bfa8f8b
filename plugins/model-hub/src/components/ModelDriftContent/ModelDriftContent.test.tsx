import {
  configure,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  DriftReport,
  ModelHubApi,
  ModelStatus,
  modelHubApiRef,
} from '../../api/ModelHubApi';
import { modelDriftContent } from '../../plugin';
import { ModelDriftContent } from './ModelDriftContent';

// The backend is replaced by a fake ModelHubApi returning reports shaped
// like the drift engine's DatasetDriftReport, as the backend stores them.
const model: Entity = {
  apiVersion: 'model-hub.io/v1alpha1',
  kind: 'Model',
  metadata: { name: 'credit-scoring-pd', namespace: 'default' },
  spec: {
    type: 'classification',
    owner: 'group:default/credit-risk',
    version: '3.2.0',
  },
};

type Column = {
  column: string;
  type: 'numerical' | 'categorical';
  method: string;
  threshold: number;
  /** Score per window, oldest first. */
  scores: number[];
};

/** The backend's verdict (driftVerdict in DriftService). */
function verdict(datasetDrift: boolean, driftedColumns: number) {
  if (datasetDrift) return 'drift' as const;
  return driftedColumns > 0 ? ('warning' as const) : ('ok' as const);
}

/** Daily windows ending at 00:00 UTC, the last one on `lastDay`. */
function windows(
  environment: string,
  lastDay: string,
  columns: Column[],
): DriftReport[] {
  const days = columns[0].scores.length;
  const last = Date.parse(`${lastDay}T00:00:00.000Z`);
  const reports: DriftReport[] = [];
  for (let i = 0; i < days; i++) {
    const windowEnd = new Date(last - (days - 1 - i) * 86400000);
    const results = columns.map(c => {
      const score = c.scores[i];
      const pValue = c.method === 'ks' || c.method === 'chisquare';
      // The drift engine's rules: KS p <= threshold, chi-square p <
      // threshold, distances >= threshold.
      let drifted = score >= c.threshold;
      if (c.method === 'ks') drifted = score <= c.threshold;
      if (c.method === 'chisquare') drifted = score < c.threshold;
      return {
        column: c.column,
        type: c.type,
        method: c.method,
        statistic: pValue ? 0.2 : score,
        ...(pValue ? { pValue: score } : {}),
        score,
        threshold: c.threshold,
        drifted,
        rows: { reference: 5000, current: 4800 },
        missing: { reference: 0, current: 3 },
      };
    });
    const driftedColumns = results.filter(r => r.drifted).length;
    const driftedShare = driftedColumns / results.length;
    const datasetDrift = driftedShare >= 0.5;
    reports.push({
      id: `${environment}-${i}`,
      modelRef: 'model:default/credit-scoring-pd',
      version: i < 3 ? '3.1.0' : '3.2.0',
      environment,
      windowStart: new Date(windowEnd.getTime() - 86400000).toISOString(),
      windowEnd: windowEnd.toISOString(),
      status: verdict(datasetDrift, driftedColumns),
      driftedShare,
      datasetDrift,
      report: {
        columns: results,
        driftedColumns,
        driftedShare,
        shareThreshold: 0.5,
        datasetDrift,
      },
      submittedBy: 'user:default/ml-platform-ci',
      createdAt: windowEnd.toISOString(),
    });
  }
  // The backend lists the latest window first.
  return reports.reverse();
}

const productionReports = windows('production', '2026-11-20', [
  {
    column: 'annual_income',
    type: 'numerical',
    method: 'wasserstein',
    threshold: 0.1,
    scores: [0.03, 0.04, 0.05, 0.08, 0.12, 0.14],
  },
  {
    column: 'applicant_age',
    type: 'numerical',
    method: 'ks',
    threshold: 0.05,
    scores: [0.61, 0.44, 0.52, 0.38, 0.41, 0.33],
  },
  {
    column: 'employment_type',
    type: 'categorical',
    method: 'jensenshannon',
    threshold: 0.1,
    scores: [0.02, 0.02, 0.03, 0.02, 0.04, 0.03],
  },
]);

const stagingReports = windows('staging', '2026-11-19', [
  {
    column: 'annual_income',
    type: 'numerical',
    method: 'psi',
    threshold: 0.2,
    scores: [0.05, 0.06, 0.07],
  },
  {
    column: 'region',
    type: 'categorical',
    method: 'chisquare',
    threshold: 0.05,
    scores: [0.7, 0.4, 0.01],
  },
]);

function status(
  drift: {
    environment: string;
    status: 'ok' | 'warning' | 'drift' | 'stale';
  }[],
): ModelStatus {
  return {
    entityRef: 'model:default/credit-scoring-pd',
    found: true,
    title: 'Consumer credit probability of default',
    riskLevel: 'High',
    regulatoryCategory: 'high',
    governanceStatus: 'APPROVED',
    latestApprovedVersion: '3.2.0',
    driftStatus: drift.some(d => d.status === 'stale') ? 'stale' : 'warning',
    drift: drift.map(d => ({
      ...d,
      version: '3.2.0',
      driftedShare: 0.33,
      windowEnd: '2026-11-20T00:00:00.000Z',
    })),
    deployments: [],
  };
}

function fakeApi(overrides: Partial<ModelHubApi> = {}) {
  return {
    getStatuses: jest.fn(async () => [
      status([
        { environment: 'staging', status: 'ok' },
        { environment: 'production', status: 'warning' },
      ]),
    ]),
    getGovernance: jest.fn(),
    listDriftReports: jest.fn(
      async (_model: unknown, query: { environment?: string } = {}) => {
        const byEnvironment: Record<string, DriftReport[]> = {
          production: productionReports,
          staging: stagingReports,
        };
        const items = query.environment
          ? byEnvironment[query.environment] ?? []
          : [...productionReports, ...stagingReports];
        return { items, totalItems: items.length };
      },
    ),
    ...overrides,
  };
}

function render(api: ReturnType<typeof fakeApi>) {
  return renderInTestApp(
    <EntityProvider entity={model}>
      <ModelDriftContent />
    </EntityProvider>,
    { apis: [[modelHubApiRef, api]] },
  );
}

/** Picks an option of a Backstage Select (role queries are slow next to charts). */
async function choose(testId: string, option: string) {
  fireEvent.mouseDown(within(screen.getByTestId(testId)).getByRole('button'));
  const listbox = await waitFor(() => {
    const element = document.querySelector<HTMLElement>('[role="listbox"]');
    if (!element) throw new Error('The select did not open');
    return element;
  });
  fireEvent.click(within(listbox).getByText(option));
}

/** The tab has loaded the reports of an environment and drawn them. */
const loaded = () => screen.findByText('Latest window');

// Charts and tables take a while to render on a slow CI machine.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });

describe('ModelDriftContent', () => {
  it('charts the production drift per column with its threshold and method', async () => {
    const api = fakeApi();
    const { container } = await render(api);

    // Production is the default environment, whatever the order.
    expect(await loaded()).toBeInTheDocument();
    expect(api.getStatuses).toHaveBeenCalledWith([
      'model:default/credit-scoring-pd',
    ]);
    expect(api.listDriftReports).toHaveBeenCalledWith(
      { namespace: 'default', name: 'credit-scoring-pd' },
      { environment: 'production', limit: 200 },
    );

    // Latest window: verdict in words, share, window and version.
    expect(screen.getAllByText('warning').length).toBeGreaterThan(0);
    expect(
      screen.getByText('Drifted share: 33% (1 of 3 columns)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Window: 2026-11-19 00:00 UTC to 2026-11-20 00:00 UTC'),
    ).toBeInTheDocument();
    expect(screen.getByText('Version: 3.2.0')).toBeInTheDocument();

    // Both charts are drawn: the drifted share and the drifted column first.
    await waitFor(() =>
      expect(container.querySelectorAll('.recharts-line')).toHaveLength(2),
    );
    expect(screen.getByText('data set drift at 50%')).toBeInTheDocument();
    expect(
      screen.getByText('Share of drifted columns: data set drift when ≥ 50%'),
    ).toBeInTheDocument();
    expect(screen.getByText('threshold 0.1')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Wasserstein distance (normed), threshold 0.1: drift when score ≥ 0.1 (higher = more drift)',
      ),
    ).toBeInTheDocument();

    // The method of every column, with the direction of its threshold.
    const table = screen
      .getByText('Columns in the latest window')
      .closest('div[class*="MuiPaper"]') as HTMLElement;
    expect(
      within(table).getByText('Kolmogorov-Smirnov p-value'),
    ).toBeInTheDocument();
    expect(
      within(table).getByText('drift when p-value ≤ 0.05 (lower = more drift)'),
    ).toBeInTheDocument();
    expect(
      within(table).getByText('Jensen-Shannon distance'),
    ).toBeInTheDocument();
    expect(within(table).getByText('0.14')).toBeInTheDocument();

    // A p-value column: drift is below its line.
    await choose('drift-column-select', 'applicant_age');
    expect(await screen.findByText('threshold 0.05')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Kolmogorov-Smirnov p-value, threshold 0.05: drift when p-value ≤ 0.05 (lower = more drift)',
      ),
    ).toBeInTheDocument();
  });

  it('fetches the reports of the environment chosen', async () => {
    const api = fakeApi();
    const { container } = await render(api);
    expect(await loaded()).toBeInTheDocument();

    await choose('drift-environment-select', 'staging (ok)');

    await waitFor(() =>
      expect(api.listDriftReports).toHaveBeenLastCalledWith(
        { namespace: 'default', name: 'credit-scoring-pd' },
        { environment: 'staging', limit: 200 },
      ),
    );
    // Staging's latest window: region drifted on a chi-square p-value.
    expect(
      await screen.findByText(
        'Window: 2026-11-18 00:00 UTC to 2026-11-19 00:00 UTC',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'chi-square p-value, threshold 0.05: drift when p-value < 0.05 (lower = more drift)',
      ),
    ).toBeInTheDocument();
    expect(container.querySelectorAll('.recharts-line')).toHaveLength(2);
  });

  it('warns when the backend reports the environment stale', async () => {
    await render(
      fakeApi({
        getStatuses: jest.fn(async () => [
          status([{ environment: 'production', status: 'stale' }]),
        ]),
      }),
    );
    expect(
      await screen.findByText(/Drift data for production is stale/),
    ).toBeInTheDocument();
  });

  it('falls back to the 48 hours cadence when the status does not cover the environment', async () => {
    const now = jest
      .spyOn(Date, 'now')
      // The production window ended 2026-11-20 00:00, 72 hours earlier.
      .mockReturnValue(Date.parse('2026-11-23T00:00:00.000Z'));
    try {
      await render(
        fakeApi({
          getStatuses: jest.fn(async () => [
            {
              entityRef: 'model:default/credit-scoring-pd',
              found: false as const,
            },
          ]),
        }),
      );
      expect(
        await screen.findByText(/Drift data for production is stale/),
      ).toBeInTheDocument();
    } finally {
      now.mockRestore();
    }
  });

  it('does not warn while reports arrive', async () => {
    await render(fakeApi());
    expect(await loaded()).toBeInTheDocument();
    expect(screen.queryByText(/is stale/)).not.toBeInTheDocument();
  });

  it('says how to submit a report when there is none', async () => {
    await render(
      fakeApi({
        getStatuses: jest.fn(async () => [status([])]),
        listDriftReports: jest.fn(async () => ({ items: [], totalItems: 0 })),
      }),
    );
    expect(await screen.findByText('No drift reports yet')).toBeInTheDocument();
    expect(
      screen.getByText(
        'model-hub drift submit default/credit-scoring-pd --version 3.2.0 --environment production --rows window.csv',
      ),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const forbidden = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message:
              'Not allowed: model-hub.read on model:default/credit-scoring-pd',
          },
          request: { method: 'GET', url: '/drift-reports' },
          response: { statusCode: 403 },
        }),
        { status: 403, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    await render(
      fakeApi({
        listDriftReports: jest.fn(async () => {
          throw forbidden;
        }),
      }),
    );
    expect(
      await screen.findByText(/Not allowed: model-hub\.read/),
    ).toBeInTheDocument();
  });

  it('is the Drift tab of Model entities', () => {
    const tester = createExtensionTester(modelDriftContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Drift');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(model)).toBe(true);
    expect(filter({ ...model, kind: 'Component' })).toBe(false);
  });
});
