import {
  configure,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import type { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ModelHubApi,
  ModelReview,
  modelHubApiRef,
} from '../../api/ModelHubApi';
import { ModelGovernanceContent } from './ModelGovernanceContent';
import {
  approvedReview,
  auditEvents,
  backendError,
  governance,
  model,
  openReview,
  publisher,
  reviewer,
} from './testData';

// The backend is replaced by a fake ModelHubApi: this tests what the tab shows
// for what the backend returns, and what it sends (the backend has its own
// tests).

// The whole tab (two tables, reviews, forms) renders slowly on small CI
// machines; role queries on it take a while.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });

const ALLOW = 'ALLOW' as AuthorizeResult.ALLOW;
const DENY = 'DENY' as AuthorizeResult.DENY;

/** A jest mock of one ModelHubApi method, typed as the method. */
function mockOf<K extends keyof ModelHubApi>(
  implementation: ModelHubApi[K],
): jest.MockedFunction<ModelHubApi[K]> {
  const untyped = implementation as unknown as (...args: unknown[]) => unknown;
  return jest.fn(untyped) as unknown as jest.MockedFunction<ModelHubApi[K]>;
}

function fakeApi(
  overrides: {
    getGovernance?: ModelHubApi['getGovernance'];
    listReviews?: ModelHubApi['listReviews'];
    decideReview?: ModelHubApi['decideReview'];
  } = {},
) {
  return {
    getGovernance: mockOf<'getGovernance'>(
      overrides.getGovernance ?? (async () => governance),
    ),
    listReviews: mockOf<'listReviews'>(
      overrides.listReviews ??
        (async () => ({
          items: [openReview, approvedReview],
          totalItems: 2,
        })),
    ),
    decideReview: mockOf<'decideReview'>(
      overrides.decideReview ??
        (async () => {
          throw new Error('not expected');
        }),
    ),
    listAuditEvents: mockOf<'listAuditEvents'>(async () => ({
      items: auditEvents,
      totalItems: auditEvents.length,
    })),
  };
}

function render(
  api: ReturnType<typeof fakeApi>,
  options: {
    entity?: Entity;
    user?: string;
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  } = {},
) {
  return renderInTestApp(
    <EntityProvider entity={options.entity ?? model}>
      <ModelGovernanceContent />
    </EntityProvider>,
    {
      apis: [
        [modelHubApiRef, api],
        mockApis.identity({ userEntityRef: options.user ?? reviewer }),
        mockApis.permission({ authorize: options.permission ?? ALLOW }),
      ],
    },
  );
}

// By label rather than role: role queries are slow on the whole tab.
const openReviewSection = () =>
  screen.getByLabelText('Version 3.2.0 · review 7');
const findOpenReviewSection = () =>
  screen.findByLabelText('Version 3.2.0 · review 7');

describe('ModelGovernanceContent', () => {
  it('shows the policy, each version state, its evidence and expiry', async () => {
    const api = fakeApi();
    render(api);

    expect(await screen.findByText('Severe')).toBeInTheDocument();
    expect(api.getGovernance).toHaveBeenCalledWith({
      namespace: 'default',
      name: 'credit-scoring-pd',
    });
    expect(
      screen.getByText(
        /Approvals needed: 2 \(never the publisher or the requester\)/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/Review every 3 months/)).toBeInTheDocument();
    expect(
      screen.getByText(/Latest approved version: 3\.1\.0/),
    ).toBeInTheDocument();
    // Each version in words, with what it still lacks.
    const versions = within(
      screen.getByLabelText('Evidence checklist of version 3.2.0 (missing)'),
    );
    expect(
      versions.getByText(/Independent validation report/).textContent,
    ).toBe('Missing: Independent validation report');
    expect(screen.getByText('1 of 2 items missing')).toBeInTheDocument();
    expect(screen.getByText('All 2 items complete')).toBeInTheDocument();
    expect(screen.getByText('2026-12-01')).toBeInTheDocument();
  });

  it('shows who overrode the policy, when and why', async () => {
    render(
      fakeApi({
        getGovernance: async () => ({
          ...governance,
          policyOverride: {
            policy: { approvals: 3 },
            reason: 'Regulator asked for three approvers',
            updatedBy: 'user:default/ingrid.hansen',
            updatedAt: '2026-11-20T10:00:00.000Z',
          },
        }),
      }),
    );
    expect((await screen.findByTestId('policy-override')).textContent).toBe(
      'Policy overridden for this model by user:default/ingrid.hansen on 2026-11-20 10:00 UTC: Regulator asked for three approvers',
    );
  });

  it('shows the review history and the audit trail', async () => {
    const api = fakeApi();
    render(api);

    expect(await findOpenReviewSection()).toBeInTheDocument();
    expect(
      screen.getByLabelText('Version 3.1.0 · review 5'),
    ).toBeInTheDocument();
    expect(
      within(openReviewSection()).getByText('Backtesting within tolerance'),
    ).toBeInTheDocument();
    // Only the open review takes decisions.
    expect(screen.getAllByText('Approve')).toHaveLength(1);
    expect(await screen.findByText('Policy overridden')).toBeInTheDocument();
    expect(api.listAuditEvents).toHaveBeenCalledWith(
      { namespace: 'default', name: 'credit-scoring-pd' },
      { limit: 10, offset: 0 },
    );
  });

  it('approves, then shows the refreshed review, state and trail', async () => {
    const approvedByMia: ModelReview = {
      ...openReview,
      state: 'APPROVED',
      decidedAt: '2026-11-23T08:15:00.000Z',
      expiresAt: '2027-02-23T08:15:00.000Z',
      decisions: [
        ...openReview.decisions,
        {
          reviewer,
          decision: 'APPROVED',
          comment: 'Independent validation attached',
          decidedAt: '2026-11-23T08:15:00.000Z',
        },
      ],
    };
    const api = fakeApi({ decideReview: async () => approvedByMia });
    render(api);

    const approve = await within(await findOpenReviewSection()).findByRole(
      'button',
      { name: 'Approve' },
    );
    await waitFor(() => expect(approve).toBeEnabled());
    // The backend now has the decision.
    api.listReviews.mockResolvedValue({
      items: [approvedByMia, approvedReview],
      totalItems: 2,
    });
    api.getGovernance.mockResolvedValue({
      ...governance,
      status: 'APPROVED',
      latestApprovedVersion: '3.2.0',
    });
    fireEvent.change(screen.getByLabelText('Comment'), {
      target: { value: 'Independent validation attached' },
    });
    fireEvent.click(approve);

    await waitFor(() =>
      expect(api.decideReview).toHaveBeenCalledWith(
        { namespace: 'default', name: 'credit-scoring-pd' },
        '7',
        { decision: 'APPROVED', comment: 'Independent validation attached' },
      ),
    );
    expect(
      await screen.findByText(/Latest approved version: 3\.2\.0/),
    ).toBeInTheDocument();
    const refreshed = openReviewSection();
    expect(
      within(refreshed).getByText('Independent validation attached'),
    ).toBeInTheDocument();
    expect(
      within(refreshed).getByText(/Approvals: 2 of 2/),
    ).toBeInTheDocument();
    // Closed: no more decisions.
    expect(
      within(refreshed).queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(api.listReviews).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(api.listAuditEvents).toHaveBeenCalledTimes(2));
  });

  it("shows the backend's 409 and keeps the comment", async () => {
    const conflict = await backendError(
      409,
      'ConflictError',
      'Review 7 is APPROVED; only reviews waiting for approval take decisions',
    );
    const api = fakeApi({
      decideReview: async () => {
        throw conflict;
      },
    });
    render(api);

    const approve = await within(await findOpenReviewSection()).findByRole(
      'button',
      { name: 'Approve' },
    );
    await waitFor(() => expect(approve).toBeEnabled());
    fireEvent.change(screen.getByLabelText('Comment'), {
      target: { value: 'Backtesting reviewed, fine for production' },
    });
    fireEvent.click(approve);

    expect(
      await screen.findByText(
        'Review 7 is APPROVED; only reviews waiting for approval take decisions',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Comment')).toHaveValue(
      'Backtesting reviewed, fine for production',
    );
  });

  it('tells the publisher that four eyes apply', async () => {
    render(fakeApi(), { user: publisher });

    expect(
      await screen.findByText(/Four eyes: you published version 3\.2\.0/),
    ).toBeInTheDocument();
    expect(
      within(openReviewSection()).getByRole('button', { name: 'Approve' }),
    ).toBeDisabled();
  });

  it('tells a reviewer the backend would refuse why, from the reviews it lists', async () => {
    const reason =
      'user:default/mia is a member of group:default/credit-risk, which owns the model; Severe models are validated outside their owning team';
    render(
      fakeApi({
        listReviews: async () => ({
          items: [
            { ...openReview, yourEligibility: { canDecide: false, reason } },
            approvedReview,
          ],
          totalItems: 2,
        }),
      }),
    );

    expect(await screen.findByText(reason)).toBeInTheDocument();
    const section = openReviewSection();
    for (const name of ['Approve', 'Request changes', 'Reject']) {
      expect(within(section).getByRole('button', { name })).toBeDisabled();
    }
  });

  it('disables the decision without the permission, saying why', async () => {
    // usePermission caches answers per request for the whole test file
    // (SWR), so the refusal is about a model of its own.
    const other: Entity = {
      ...model,
      metadata: { name: 'aml-transaction-monitoring', namespace: 'default' },
    };
    render(fakeApi(), { entity: other, permission: DENY });

    expect(
      await screen.findByText(
        'You do not have permission to decide reviews of this model.',
      ),
    ).toBeInTheDocument();
    const section = openReviewSection();
    for (const name of ['Approve', 'Request changes', 'Reject']) {
      expect(within(section).getByRole('button', { name })).toBeDisabled();
    }
  });

  it('tells how to publish when the model has no version', async () => {
    render(
      fakeApi({
        getGovernance: async () => ({
          ...governance,
          status: 'NOT_STARTED',
          latestApprovedVersion: undefined,
          versions: [],
        }),
        listReviews: async () => ({ items: [], totalItems: 0 }),
      }),
    );
    expect(
      await screen.findByText(/No version published yet/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Latest approved version: none/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/No review requested yet/),
    ).toBeInTheDocument();
  });

  it('shows the backend error, e.g. when the user may not read the model', async () => {
    const forbidden = await backendError(
      403,
      'NotAllowedError',
      'Not allowed: model-hub.read on model:default/credit-scoring-pd',
    );
    render(
      fakeApi({
        getGovernance: async () => {
          throw forbidden;
        },
      }),
    );
    expect(
      await screen.findByText(/Not allowed: model-hub\.read/),
    ).toBeInTheDocument();
  });
});
