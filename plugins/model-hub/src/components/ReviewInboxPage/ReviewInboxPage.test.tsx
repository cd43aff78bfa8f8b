import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import {
  ModelHubApi,
  ModelReview,
  ReviewInbox,
  modelHubApiRef,
} from '../../api/ModelHubApi';
import { relativeDays, ReviewInboxPage } from './ReviewInboxPage';

jest.setTimeout(30_000);

const DAY = 86_400_000;
const review = (overrides: Partial<ModelReview>): ModelReview => ({
  id: '7',
  modelRef: 'model:default/credit-scoring-pd',
  version: '3.2.0',
  state: 'WAITING_FOR_APPROVAL',
  riskLevel: 'High',
  requiredApprovals: 2,
  reviewCadenceMonths: 6,
  requiredEvidence: ['modelCard', 'independentValidation'],
  attachedEvidence: {},
  requestedBy: 'user:default/dana.data',
  requestedAt: '2026-11-20T10:00:00.000Z',
  decisions: [
    {
      reviewer: 'user:default/ingrid.hansen',
      decision: 'APPROVED',
      decidedAt: '2026-11-21T10:00:00.000Z',
    },
  ],
  ...overrides,
});

const inbox: ReviewInbox = {
  waiting: [
    {
      review: review({}),
      modelTitle: 'Consumer credit probability of default',
      publishedBy: 'user:default/dana.data',
    },
  ],
  expiring: [
    {
      review: review({
        id: '3',
        modelRef: 'model:default/churn-propensity',
        version: '1.4.0',
        state: 'REVIEW_OVERDUE',
        riskLevel: 'Medium',
        expiresAt: new Date(Date.now() - 5 * DAY).toISOString(),
      }),
      modelTitle: 'Churn propensity',
    },
    {
      review: review({
        id: '4',
        modelRef: 'model:default/next-best-offer',
        version: '2.0.0',
        state: 'APPROVED',
        riskLevel: 'Medium',
        expiresAt: new Date(Date.now() + 12 * DAY + 3600_000).toISOString(),
      }),
      modelTitle: 'Next best offer',
    },
  ],
};

async function renderPage(getReviewInbox: ModelHubApi['getReviewInbox']) {
  await renderInTestApp(
    <TestApiProvider apis={[[modelHubApiRef, { getReviewInbox }]]}>
      <ReviewInboxPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('ReviewInboxPage', () => {
  it('lists the reviews waiting for me and the approvals that expire', async () => {
    await renderPage(async () => inbox);
    const waiting = (
      await screen.findByText('Consumer credit probability of default')
    ).closest('tr')!;
    expect(within(waiting).getByText('3.2.0')).toBeInTheDocument();
    expect(within(waiting).getByText('1 of 2')).toBeInTheDocument();
    expect(within(waiting).getByText('High')).toBeInTheDocument();

    const overdue = screen.getByText('Churn propensity').closest('tr')!;
    expect(within(overdue).getByText('Review overdue')).toBeInTheDocument();
    expect(within(overdue).getByText(/5 days ago/)).toBeInTheDocument();
    const soon = screen.getByText('Next best offer').closest('tr')!;
    expect(within(soon).getByText(/in 12 days/)).toBeInTheDocument();
  });

  it('says when nothing waits, and shows errors', async () => {
    await renderPage(async () => ({ waiting: [], expiring: [] }));
    expect(
      await screen.findByText(/Nothing waits for you/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No approval expires in the next 30 days.'),
    ).toBeInTheDocument();
  });

  it('shows why the inbox could not be read', async () => {
    await renderPage(async () => {
      throw await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'NotAllowedError',
              message: 'This request requires user credentials',
            },
            request: { method: 'GET', url: '/reviews' },
            response: { statusCode: 403 },
          }),
          { status: 403, headers: { 'Content-Type': 'application/json' } },
        ),
      );
    });
    expect(
      (await screen.findAllByText(/requires user credentials/)).length,
    ).toBeGreaterThan(0);
  });
});

describe('relativeDays', () => {
  it('reads as a distance from now', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(relativeDays('2026-12-13T00:00:00Z', now)).toBe('in 12 days');
    expect(relativeDays('2026-11-26T00:00:00Z', now)).toBe('5 days ago');
    expect(relativeDays('2026-12-01T05:00:00Z', now)).toBe('today');
  });
});
