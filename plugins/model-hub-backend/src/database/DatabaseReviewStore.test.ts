import {
  createTestDatabases,
  createTestStores,
  testModelRef as modelRef,
} from '../__testUtils__/testStores';
import { NewReview } from './types';

const databases = createTestDatabases();

const day = (d: number) =>
  `2026-11-${String(d).padStart(2, '0')}T00:00:00.000Z`;

const request = (version: string, d = 1): NewReview => ({
  modelRef,
  version,
  riskLevel: 'High',
  requiredApprovals: 2,
  reviewCadenceMonths: 6,
  requiredEvidence: ['independentValidation'],
  attachedEvidence: { independentValidation: 'https://wiki/validation' },
  comment: 'please',
  requestedBy: 'user:default/a',
  requestedAt: day(d),
});

const decision = (reviewer: string, d: number) => ({
  reviewer,
  decision: 'APPROVED' as const,
  decidedAt: day(d),
});

describe.each(databases.eachSupportedId())('DatabaseReviewStore on %s', id => {
  it('stores reviews with their decisions in order', async () => {
    const { stores } = await createTestStores(databases, id);
    const review = await stores.reviews.create(request('1.0.0'));
    expect(review).toEqual({
      ...request('1.0.0'),
      id: expect.stringMatching(/^\d+$/),
      state: 'WAITING_FOR_APPROVAL',
      decidedAt: undefined,
      expiresAt: undefined,
      decisions: [],
    });

    await stores.reviews.addDecision(review.id, decision('user:default/b', 2));
    await stores.reviews.addDecision(review.id, {
      ...decision('user:default/c', 3),
      comment: 'fine',
    });
    await stores.reviews.updateState(review.id, {
      state: 'APPROVED',
      decidedAt: day(3),
      expiresAt: day(30),
    });
    const decided = await stores.transaction(tx =>
      tx.reviews.get(modelRef, review.id, { forUpdate: true }),
    );
    expect(decided).toMatchObject({
      state: 'APPROVED',
      decidedAt: day(3),
      expiresAt: day(30),
      decisions: [
        decision('user:default/b', 2),
        { ...decision('user:default/c', 3), comment: 'fine' },
      ],
    });

    // Ids come from URLs: other models' reviews and non-numbers are not found.
    expect(await stores.reviews.get('model:default/x', review.id)).toBe(
      undefined,
    );
    expect(await stores.reviews.get(modelRef, 'abc')).toBeUndefined();
  });

  it('pages reviews newest first and finds the latest per version', async () => {
    const { stores } = await createTestStores(databases, id);
    const first = await stores.reviews.create(request('1.0.0', 1));
    await stores.reviews.create(request('2.0.0', 2));
    const third = await stores.reviews.create(request('1.0.0', 3));
    await stores.reviews.addDecision(third.id, decision('user:default/b', 4));

    const page = await stores.reviews.list(modelRef, { limit: 2, offset: 1 });
    expect(page.totalItems).toBe(3);
    expect(page.items.map(r => r.requestedAt)).toEqual([day(2), day(1)]);

    const latest = await stores.reviews.governingByVersion(modelRef);
    expect(latest.map(r => [r.version, r.requestedAt])).toEqual([
      ['1.0.0', day(3)],
      ['2.0.0', day(2)],
    ]);
    expect(latest[0].id).toBe(third.id);

    await stores.reviews.updateState(first.id, {
      state: 'WAITING_FOR_FEEDBACK',
    });
    const open = await stores.reviews.listByState(modelRef, '1.0.0', [
      'WAITING_FOR_APPROVAL',
      'WAITING_FOR_FEEDBACK',
    ]);
    expect(open.map(r => [r.id, r.state])).toEqual([
      [first.id, 'WAITING_FOR_FEEDBACK'],
      [third.id, 'WAITING_FOR_APPROVAL'],
    ]);
  });

  it('lists expired approvals and marks each overdue once', async () => {
    const { stores } = await createTestStores(databases, id);
    const expired = await stores.reviews.create(request('1.0.0'));
    const valid = await stores.reviews.create(request('2.0.0'));
    await stores.reviews.updateState(expired.id, {
      state: 'APPROVED',
      decidedAt: day(1),
      expiresAt: day(5),
    });
    await stores.reviews.updateState(valid.id, {
      state: 'APPROVED',
      decidedAt: day(1),
      expiresAt: day(20),
    });

    const found = await stores.reviews.listExpiredApprovals(day(10));
    expect(found.map(r => r.id)).toEqual([expired.id]);
    expect(await stores.reviews.markOverdue(expired.id, day(10))).toBe(true);
    expect(await stores.reviews.markOverdue(expired.id, day(11))).toBe(false);
    expect((await stores.reviews.get(modelRef, expired.id))?.state).toBe(
      'REVIEW_OVERDUE',
    );
    expect(await stores.reviews.listExpiredApprovals(day(10))).toEqual([]);
  });
});
