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
import {
  renderInTestApp as renderInLegacyTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  ModelGovernance,
  ModelHubApi,
  ModelOverview,
  ModelVersion,
  modelHubApiRef,
  PageRequest,
} from '../../api/ModelHubApi';
import { EntityModelHubVersionsContent } from '../../legacy';
import { modelVersionsContent } from '../../plugin';
import { ModelVersionsContent } from './ModelVersionsContent';

// The backend is replaced by a fake ModelHubApi that pages like the real one.
const model: Entity = {
  apiVersion: 'model-hub.io/v1alpha1',
  kind: 'Model',
  metadata: { name: 'credit-scoring-pd', namespace: 'default' },
  spec: { type: 'classification', owner: 'group:default/credit-risk' },
};

const modelRef = 'model:default/credit-scoring-pd';

function version(
  v: string,
  publishedAt: string,
  metrics: ModelVersion['metrics'],
  extra: Partial<ModelVersion> = {},
): ModelVersion {
  return {
    modelRef,
    version: v,
    artifactUri: `s3://ml-artifacts/credit-scoring-pd/${v}/model.tar.gz`,
    format: 'mlflow-pyfunc',
    datasets: ['loan-applications', 'credit-bureau-records'],
    metrics,
    evidence: {},
    hasReferenceProfile: true,
    publishedBy: 'user:default/dana',
    publishedAt,
    ...extra,
  };
}

const holdout = 'loan-performance-holdout';

// Newest first, as the backend lists them: 12 versions, two pages of 10.
const versions: ModelVersion[] = [
  version('3.2.0', '2026-11-20T10:00:00.000Z', [
    { name: 'auc', value: 0.81, dataset: holdout },
    { name: 'auc', value: 0.74, slice: 'applicant age < 25', dataset: holdout },
    { name: 'auc', value: 0.77, slice: 'thin file', dataset: holdout },
    { name: 'brier_score', value: 0.078, dataset: holdout },
  ]),
  version(
    '3.1.0',
    '2026-08-01T10:00:00.000Z',
    [
      { name: 'auc', value: 0.79, dataset: holdout },
      {
        name: 'auc',
        value: 0.72,
        slice: 'applicant age < 25',
        dataset: holdout,
      },
      { name: 'brier_score', value: 0.081, dataset: holdout },
      { name: 'ks_statistic', value: 0.41, dataset: holdout },
    ],
    { publishedBy: 'user:default/omar' },
  ),
  version(
    '3.0.0',
    '2026-03-02T09:30:00.000Z',
    [{ name: 'auc', value: 0.78, dataset: holdout }],
    {
      deprecation: {
        at: '2026-08-02T08:00:00.000Z',
        by: 'user:default/dana',
        reason: 'Trained before the 2025 bureau score format change',
      },
    },
  ),
  ...Array.from({ length: 9 }, (_, i) =>
    version(`2.${8 - i}.0`, new Date(Date.UTC(2025, 11 - i, 1)).toISOString(), [
      { name: 'auc', value: 0.75, dataset: holdout },
    ]),
  ),
];

const overview: ModelOverview = {
  modelRef,
  aliases: [
    {
      alias: 'champion',
      version: '3.1.0',
      updatedBy: 'user:default/dana',
      updatedAt: '2026-08-10T09:00:00.000Z',
    },
    {
      alias: 'challenger',
      version: '3.2.0',
      updatedBy: 'user:default/dana',
      updatedAt: '2026-11-20T11:00:00.000Z',
    },
  ],
  deployments: [
    {
      environment: 'production',
      version: '3.1.0',
      deployedBy: 'user:default/omar',
      deployedAt: '2026-08-12T07:00:00.000Z',
    },
    {
      environment: 'staging',
      version: '3.2.0',
      deployedBy: 'user:default/dana',
      deployedAt: '2026-11-21T07:00:00.000Z',
    },
    {
      environment: 'shadow',
      version: '3.2.0',
      deployedBy: 'user:default/dana',
      deployedAt: '2026-11-21T08:00:00.000Z',
    },
  ],
};

const states: Record<string, ModelGovernance['status']> = {
  '3.2.0': 'WAITING_FOR_APPROVAL',
  '3.1.0': 'APPROVED',
};

const governance: ModelGovernance = {
  modelRef,
  riskLevel: 'High',
  regulatoryCategory: 'high',
  policy: {
    evidence: ['modelCard', 'independentValidation'],
    approvals: 2,
    reviewCadenceMonths: 6,
  },
  status: 'WAITING_FOR_APPROVAL',
  latestApprovedVersion: '3.1.0',
  versions: versions.map(v => ({
    version: v.version,
    publishedBy: v.publishedBy,
    publishedAt: v.publishedAt,
    deprecated: v.deprecation !== undefined,
    state: states[v.version] ?? 'ABANDONED',
    evidence: { complete: true, items: [] },
  })),
};

function fakeApi(overrides: Partial<ModelHubApi> = {}) {
  return {
    getStatuses: jest.fn(),
    getGovernance: jest.fn(async () => governance),
    getOverview: jest.fn(async () => overview),
    listVersions: jest.fn(async (_model: unknown, page: PageRequest = {}) => {
      const offset = page.offset ?? 0;
      return {
        items: versions.slice(offset, offset + (page.limit ?? 20)),
        totalItems: versions.length,
      };
    }),
    ...overrides,
  };
}

function render(api: ReturnType<typeof fakeApi>) {
  return renderInTestApp(
    <EntityProvider entity={model}>
      <ModelVersionsContent />
    </EntityProvider>,
    { apis: [[modelHubApiRef, api]] },
  );
}

// Role queries are slow over a table this size; checkboxes carry a label.
const checkbox = (v: string) => {
  const input = document.querySelector<HTMLInputElement>(
    `input[aria-label="Compare ${v}"]`,
  );
  if (!input) throw new Error(`No checkbox for ${v}`);
  return input;
};
const rowOf = (v: string) => checkbox(v).closest('tr')!;

// Tables take a while to render on a slow CI machine.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });

describe('ModelVersionsContent', () => {
  it('lists a page of versions with aliases, deployments, approval and deprecation', async () => {
    const api = fakeApi();
    await render(api);

    expect(await screen.findByText('3.2.0')).toBeInTheDocument();
    expect(api.listVersions).toHaveBeenCalledWith(
      { namespace: 'default', name: 'credit-scoring-pd' },
      { limit: 10, offset: 0 },
    );

    const latest = within(rowOf('3.2.0'));
    expect(latest.getByText('challenger')).toBeInTheDocument();
    expect(latest.getByText('staging')).toBeInTheDocument();
    expect(latest.getByText('shadow')).toBeInTheDocument();
    expect(latest.getByText('Waiting for approval')).toBeInTheDocument();
    expect(latest.getByText('2026-11-20')).toBeInTheDocument();

    const champion = within(rowOf('3.1.0'));
    expect(champion.getByText('champion')).toBeInTheDocument();
    expect(champion.getByText('production')).toBeInTheDocument();
    expect(champion.getByText('Approved')).toBeInTheDocument();
    expect(champion.getByText('user:default/omar')).toBeInTheDocument();
    expect(champion.getByText('No')).toBeInTheDocument();

    const deprecated = within(rowOf('3.0.0'));
    expect(deprecated.getByText('Deprecated')).toBeInTheDocument();
    expect(
      deprecated.getByText(
        /Trained before the 2025 bureau score format change/,
      ),
    ).toBeInTheDocument();
    expect(deprecated.getByText('Abandoned')).toBeInTheDocument();

    // The total comes from the server: 12 versions, 10 on this page.
    expect(screen.queryByText('2.0.0')).not.toBeInTheDocument();
    expect(screen.getAllByText(/1-10 of 12/).length).toBeGreaterThan(0);
  });

  it('fetches the next page from the server', async () => {
    const api = fakeApi();
    await render(api);
    expect(await screen.findByText('3.2.0')).toBeInTheDocument();

    fireEvent.click(screen.getByLabelText(/next page/i));

    expect(await screen.findByText('2.0.0')).toBeInTheDocument();
    expect(api.listVersions).toHaveBeenLastCalledWith(
      { namespace: 'default', name: 'credit-scoring-pd' },
      { limit: 10, offset: 10 },
    );
    expect(screen.queryByText('3.2.0')).not.toBeInTheDocument();
  });

  it('compares the metrics of two selected versions', async () => {
    await render(fakeApi());
    expect(await screen.findByText('3.2.0')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Select two versions in the table to compare their metrics.',
      ),
    ).toBeInTheDocument();

    fireEvent.click(checkbox('3.2.0'));
    expect(
      screen.getByText('Select one more version to compare with 3.2.0.'),
    ).toBeInTheDocument();
    fireEvent.click(checkbox('3.1.0'));

    // Older version first; the difference is the newer minus the older.
    expect(
      await screen.findByText('Metrics of 3.1.0 and 3.2.0'),
    ).toBeInTheDocument();
    expect(screen.getByText('Difference (3.2.0 − 3.1.0)')).toBeInTheDocument();
    // Only two can be compared at once.
    expect(checkbox('3.0.0')).toBeDisabled();

    const comparison = screen
      .getByText('Metrics of 3.1.0 and 3.2.0')
      .closest('div[class*="MuiPaper"]') as HTMLElement;
    const row = (text: string) =>
      within(comparison).getByText(text).closest('tr') as HTMLElement;

    expect(
      within(comparison).getByText('+0.02, +2.5% (higher in 3.2.0)'),
    ).toBeInTheDocument();
    expect(
      within(row('+0.02, +2.5% (higher in 3.2.0)')).getByText('overall'),
    ).toBeInTheDocument();
    expect(
      within(comparison).getByText('+0.02, +2.8% (higher in 3.2.0)'),
    ).toBeInTheDocument();
    expect(
      within(row('−0.003, −3.7% (lower in 3.2.0)')).getByText('brier_score'),
    ).toBeInTheDocument();
    // Metrics published with only one of the versions.
    const thinFile = within(row('only in 3.2.0'));
    expect(thinFile.getByText('thin file')).toBeInTheDocument();
    expect(thinFile.getByText('0.77')).toBeInTheDocument();
    expect(thinFile.getByText('—')).toBeInTheDocument();
    expect(
      within(row('only in 3.1.0')).getByText('ks_statistic'),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByText('Clear the selection'));
    await waitFor(() =>
      expect(
        screen.queryByText('Metrics of 3.1.0 and 3.2.0'),
      ).not.toBeInTheDocument(),
    );
  });

  it('tells how to publish when there is no version', async () => {
    await render(
      fakeApi({
        listVersions: jest.fn(async () => ({ items: [], totalItems: 0 })),
      }),
    );
    expect(
      await screen.findByText('No version published yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'model-hub publish default/credit-scoring-pd --file version.json',
      ),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const notFound = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotFoundError',
            message: 'No model model:default/credit-scoring-pd',
          },
          request: { method: 'GET', url: '/versions' },
          response: { statusCode: 404 },
        }),
        { status: 404, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    await render(
      fakeApi({
        getOverview: jest.fn(async () => {
          throw notFound;
        }),
      }),
    );
    expect(
      await screen.findByText(/No model model:default\/credit-scoring-pd/),
    ).toBeInTheDocument();
  });

  it('is the Versions tab of Model entities', () => {
    const tester = createExtensionTester(modelVersionsContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Versions');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(model)).toBe(true);
    expect(filter({ ...model, kind: 'Component' })).toBe(false);
  });

  it('renders through the legacy component extension', async () => {
    await renderInLegacyTestApp(
      <TestApiProvider apis={[[modelHubApiRef, fakeApi()]]}>
        <EntityProvider entity={model}>
          <EntityModelHubVersionsContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('champion')).toBeInTheDocument();
  });
});
