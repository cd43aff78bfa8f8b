import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { ModelHubApi, modelHubApiRef } from '../../api/ModelHubApi';
import { modelCardContent } from '../../plugin';
import { ModelCardContent } from './ModelCardContent';
import {
  creditScoringPd,
  creditScoringPdChallenger,
  latestVersion,
  overview,
} from './__fixtures__/models';

// The backend is replaced by a fake ModelHubApi: this tests what the card
// shows for the entity and the versions the backend returns.

// The card renders two material-table tables: slow on a busy CI machine.
jest.setTimeout(15_000);
function fakeApi(overrides: Partial<ModelHubApi> = {}) {
  return {
    getStatuses: jest.fn(),
    getGovernance: jest.fn(),
    listVersions: jest.fn(async () => ({
      items: [latestVersion],
      totalItems: 4,
    })),
    getOverview: jest.fn(async () => overview),
    ...overrides,
  };
}

function render(entity: Entity, api = fakeApi()) {
  renderInTestApp(
    <EntityProvider entity={entity}>
      <ModelCardContent />
    </EntityProvider>,
    {
      apis: [[modelHubApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return api;
}

/** The part of the card under one section heading. */
function section(title: string): HTMLElement {
  return screen.getByText(title, { selector: 'h3' }).parentElement!;
}

/** The link around a text (role queries are slow on a page this size). */
function linkOf(container: HTMLElement, text: RegExp): HTMLAnchorElement {
  return within(container).getByText(text).closest('a')!;
}

async function forbidden(): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: {
          name: 'NotAllowedError',
          message:
            'Not allowed: model-hub.read on model:default/credit-scoring-pd',
        },
        request: { method: 'GET', url: '/versions' },
        response: { statusCode: 403 },
      }),
      { status: 403, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

describe('ModelCardContent', () => {
  it('shows the model card of a documented model and its latest version', async () => {
    const api = render(creditScoringPd);

    expect(await screen.findByText('2026-11-20 10:00 UTC')).toBeInTheDocument();
    expect(linkOf(document.body, /dana\.kowalski/)).toHaveAttribute(
      'href',
      '/catalog/default/user/dana.kowalski',
    );
    expect(api.listVersions).toHaveBeenCalledWith(
      { namespace: 'default', name: 'credit-scoring-pd' },
      { limit: 1 },
    );
    expect(api.getOverview).toHaveBeenCalledWith({
      namespace: 'default',
      name: 'credit-scoring-pd',
    });

    // Latest version, aliases and deployments from the backend.
    const version = section('Latest version');
    expect(within(version).getByText('3.2.0')).toBeInTheDocument();
    expect(
      within(version).getByText('2026-11-20 10:00 UTC'),
    ).toBeInTheDocument();
    expect(within(version).getByText(/champion → 3\.2\.0/)).toBeInTheDocument();
    expect(
      within(version).getByText(/production: 3\.1\.0 \(since 2026-08-02/),
    ).toBeInTheDocument();

    // Details, with owner as an entity link.
    const details = section('Model details');
    expect(linkOf(details, /credit-risk-analytics/)).toHaveAttribute(
      'href',
      '/catalog/default/group/credit-risk-analytics',
    );
    expect(within(details).getByText('xgboost 2.0')).toBeInTheDocument();
    expect(within(details).getByText('mlflow-pyfunc 2.12')).toBeInTheDocument();
    expect(within(details).getByText('proprietary')).toBeInTheDocument();
    expect(within(details).getByText('High')).toBeInTheDocument();
  });

  it('shows intended use, limitations, data, metrics by slice and serving', async () => {
    render(creditScoringPd);
    expect(
      await screen.findByText('Published with version 3.2.0'),
    ).toBeInTheDocument();

    expect(
      within(section('Intended use')).getByText('Credit officers'),
    ).toBeInTheDocument();
    expect(
      within(section('Out-of-scope uses')).getByText(
        'Marketing pre-selection of customers',
      ),
    ).toBeInTheDocument();
    expect(
      within(section('Limitations')).getByText(
        'Trained on a low interest rate period up to 2022',
      ),
    ).toBeInTheDocument();
    expect(
      within(section('Trade-offs')).getByText(/Monotone constraints/),
    ).toBeInTheDocument();
    const ethical = section('Ethical considerations');
    expect(
      within(ethical).getByText('Right to explanation'),
    ).toBeInTheDocument();
    expect(
      within(ethical).getByText(/Mitigation: Protected attributes excluded/),
    ).toBeInTheDocument();
    const data = section('Training and evaluation data');
    expect(linkOf(data, /loan-performance-holdout/)).toHaveAttribute(
      'href',
      '/catalog/default/resource/loan-performance-holdout',
    );
    expect(within(data).getByText(/role: validation/)).toBeInTheDocument();
    expect(
      within(data).getAllByText(/sensitive \(personal or confidential data\)/),
    ).toHaveLength(3);

    // Metrics by slice: 'overall' where the entity gives no slice.
    const metrics = section('Metrics by slice');
    const rows = Array.from(metrics.querySelectorAll('tr')).map(
      row => row.textContent,
    );
    expect(rows).toContain('aucoverallloan-performance-holdout0.81');
    expect(rows).toContain('aucapplicant age < 25loan-performance-holdout0.74');
    expect(rows).toContain('brier-scoreoverallloan-performance-holdout0.061');
    expect(
      within(metrics).getByText('Published with version 3.2.0'),
    ).toBeInTheDocument();

    // Serving and the fallback model as an entity link.
    const serving = section('Serving');
    expect(within(serving).getByText('online')).toBeInTheDocument();
    expect(
      linkOf(serving, /^https:\/\/models\.example\.com\/credit-scoring-pd/),
    ).toHaveAttribute(
      'href',
      'https://models.example.com/credit-scoring-pd/invocations',
    );
    expect(linkOf(serving, /credit-scorecard-logit/)).toHaveAttribute(
      'href',
      '/catalog/default/model/credit-scorecard-logit',
    );

    expect(screen.queryByText('Not documented')).not.toBeInTheDocument();
  });

  it('says "Not documented" for each part the entity leaves out', async () => {
    render(
      creditScoringPdChallenger,
      fakeApi({
        listVersions: jest.fn(async () => ({ items: [], totalItems: 0 })),
      }),
    );
    expect(
      await screen.findByText(/No version published yet/),
    ).toBeInTheDocument();
    for (const title of [
      'Limitations',
      'Trade-offs',
      'Ethical considerations',
    ]) {
      expect(
        within(section(title)).getByText('Not documented'),
      ).toBeInTheDocument();
    }
    // No intended users, architecture or endpoint either.
    expect(
      within(section('Intended use')).getByText('Not documented'),
    ).toBeInTheDocument();
    expect(
      within(section('Model details')).getAllByText('Not documented').length,
    ).toBeGreaterThanOrEqual(2);
    expect(
      within(section('Serving')).getAllByText('Not documented'),
    ).toHaveLength(2);
  });

  it('shows a javascript: training run or endpoint as text, not a link, and still renders', async () => {
    // Built from parts: the linter (rightly) refuses a script URL literal.
    const hostile = ['javascript', 'alert(document.cookie)'].join(':');
    render(
      {
        ...creditScoringPd,
        spec: {
          ...creditScoringPd.spec,
          serving: {
            ...(creditScoringPd.spec as any).serving,
            endpoint: hostile,
          },
        },
      },
      fakeApi({
        listVersions: jest.fn(async () => ({
          items: [{ ...latestVersion, trainingRunUrl: hostile }],
          totalItems: 1,
        })),
      }),
    );
    expect(
      await within(await waitFor(() => section('Serving'))).findByText(hostile),
    ).toBeInTheDocument();
    expect(await screen.findAllByText(hostile)).toHaveLength(2);
    for (const shown of screen.getAllByText(hostile)) {
      expect(shown.closest('a')).toBeNull();
    }
  });

  it('still shows the entity parts and a warning when the backend fails', async () => {
    const error = await forbidden();
    render(
      creditScoringPd,
      fakeApi({
        listVersions: jest.fn(async () => {
          throw error;
        }),
        getOverview: jest.fn(async () => {
          throw error;
        }),
      }),
    );
    expect(
      await screen.findByText(/Model Hub could not be read/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/Not allowed: model-hub\.read/).length,
    ).toBeGreaterThan(0);
    expect(
      within(section('Latest version')).getByText(/Not available/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Mortgages and business loans'),
    ).toBeInTheDocument();
    expect(
      within(section('Metrics by slice')).getAllByText('overall'),
    ).toHaveLength(3);
  });

  describe('download', () => {
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:model-card');
    const revokeObjectURL = jest.fn();
    let click: jest.SpyInstance;

    beforeEach(() => {
      Object.assign(URL, { createObjectURL, revokeObjectURL });
      click = jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(() => {});
    });
    afterEach(() => {
      click.mockRestore();
    });

    it('downloads the same content as Markdown', async () => {
      render(creditScoringPd);
      const button = (
        await screen.findByText('Download model card (Markdown)')
      ).closest('button')!;
      await waitFor(() => expect(button).toBeEnabled());
      fireEvent.click(button);

      expect(click).toHaveBeenCalledTimes(1);
      const anchor = click.mock.instances[0] as unknown as HTMLAnchorElement;
      expect(anchor.download).toBe('credit-scoring-pd-model-card.md');
      expect(anchor.href).toBe('blob:model-card');
      const blob = createObjectURL.mock.calls[0][0];
      expect(blob.type).toBe('text/markdown;charset=utf-8');
      const text = await blob.text();
      expect(text).toContain(
        '# Model card: Consumer credit probability of default',
      );
      expect(text).toContain('- Version: 3.2.0');
      expect(text).toContain(
        '| auc | applicant age < 25 | resource:default/loan-performance-holdout | 0.74 |',
      );
      await waitFor(() =>
        expect(revokeObjectURL).toHaveBeenCalledWith('blob:model-card'),
      );
    });
  });

  it('is an Overview content card on Model entities only', () => {
    const tester = createExtensionTester(modelCardContent);
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('content');
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(creditScoringPd)).toBe(true);
    expect(
      filter({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'loan-origination-service' },
      }),
    ).toBe(false);
  });
});
