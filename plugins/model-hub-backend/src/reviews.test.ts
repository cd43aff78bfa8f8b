import { mockCredentials } from '@backstage/backend-test-utils';
import { incomeRows, modelEntity } from './__testUtils__/entities';
import {
  callJson,
  modelHubTestDatabases,
  restoreWallClock,
  setWallClock,
  startModelHubMockBackend,
} from './__testUtils__/mockBackend';

const { databases, ids } = modelHubTestDatabases();
const dana = mockCredentials.user.header('user:default/dana');
const alice = mockCredentials.user.header('user:default/alice');
const mallory = mockCredentials.user.header('user:default/mallory');

async function publishAndRequest(base: string, name: string) {
  const model = `${base}/models/default/${name}`;
  const published = await callJson(`${model}/versions`, {
    auth: dana,
    body: {
      version: '1.0.0',
      artifactUri: `s3://models/${name}/1.0.0`,
      metrics: [{ name: 'auc', value: 0.8 }],
      referenceProfile: { rows: incomeRows(200, 0) },
    },
  });
  expect(published.status).toBe(201);
  const review = await callJson(`${model}/versions/1.0.0/reviews`, {
    auth: dana,
    body: {},
  });
  expect(review.status).toBe(201);
  return review.body.id as string;
}

describe.each(ids)('GET /reviews on %s', databaseId => {
  afterEach(() => restoreWallClock());

  it('lists what waits for the signed-in reviewer, and approvals that expire', async () => {
    const { backend, base } = await startModelHubMockBackend({
      databases,
      databaseId,
      entities: [modelEntity('waiting-model'), modelEntity('approved-model')],
      deniedReviewers: ['user:default/mallory'],
    });
    const inbox = async (auth: string, query = '') => {
      const res = await callJson(`${base}/reviews${query}`, { auth });
      expect(res.status).toBe(200);
      return res.body;
    };
    try {
      await publishAndRequest(base, 'waiting-model');
      const approvedId = await publishAndRequest(base, 'approved-model');
      const decided = await callJson(
        `${base}/models/default/approved-model/reviews/${approvedId}/decisions`,
        { auth: alice, body: { decision: 'APPROVED' } },
      );
      expect(decided.status).toBe(200);
      const expiresAt = decided.body.expiresAt as string;

      // Alice may decide and did not publish: the waiting review is hers.
      const alices = await inbox(alice);
      expect(alices.waiting).toEqual([
        expect.objectContaining({
          modelTitle: 'waiting-model',
          publishedBy: 'user:default/dana',
          review: expect.objectContaining({
            modelRef: 'model:default/waiting-model',
            state: 'WAITING_FOR_APPROVAL',
          }),
        }),
      ]);
      // The approval expires months from now: outside the 30-day window.
      expect(alices.expiring).toEqual([]);
      // Ten days before it expires, it is listed.
      setWallClock(new Date(new Date(expiresAt).getTime() - 10 * 86_400_000));
      const soon = await inbox(alice);
      expect(soon.expiring).toEqual([
        expect.objectContaining({
          review: expect.objectContaining({ state: 'APPROVED', expiresAt }),
        }),
      ]);
      // Four eyes: the publisher's inbox has nothing to decide; without the
      // permission, neither has mallory's.
      expect((await inbox(dana)).waiting).toEqual([]);
      expect((await inbox(mallory)).waiting).toEqual([]);

      // After expiry the approval is overdue and listed at any window.
      setWallClock(new Date(new Date(expiresAt).getTime() + 86_400_000));
      const later = await inbox(alice, '?expiringWithinDays=0');
      expect(later.expiring).toEqual([
        expect.objectContaining({
          review: expect.objectContaining({ state: 'REVIEW_OVERDUE' }),
        }),
      ]);

      // An inbox is a person's: a service token has none.
      const service = await callJson(`${base}/reviews`, {
        auth: mockCredentials.service.header(),
      });
      expect(service.status).toBe(403);
    } finally {
      await backend.stop();
    }
  }, 60_000);
});
