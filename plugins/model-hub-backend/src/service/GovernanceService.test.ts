import { DEFAULT_REVIEWER_RULES } from './separationOfDuties';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  createTestDatabases,
  createTestStores,
  silentNotifier,
  testGovernancePolicy,
  testModelAccess,
  testModelRef as modelRef,
} from '../__testUtils__/testStores';
import { DatabaseReviewStore } from '../database/DatabaseReviewStore';
import { DatabaseVersionStore } from '../database/DatabaseVersionStore';
import { ApprovalTermsService } from './ApprovalTermsService';
import { GovernanceService } from './GovernanceService';
import { ModelVersionService } from './ModelVersionService';

const databases = createTestDatabases();

const model = { namespace: 'default', name: 'fraud' };
const dana = mockCredentials.user('user:default/dana');
const bob = mockCredentials.user('user:default/bob');
const carol = mockCredentials.user('user:default/carol');
const input = (version: string) => ({
  version,
  artifactUri: `s3://models/fraud/${version}`,
  datasets: [],
  metrics: [],
  evidence: {},
});
const page = { limit: 50, offset: 0 };

describe.each(databases.eachSupportedId())('GovernanceService on %s', id => {
  async function setup() {
    const { stores } = await createTestStores(databases, id);
    let now = new Date('2026-11-22T10:00:00.000Z');
    const clock = () => now;
    const access = testModelAccess();
    const versions = new ModelVersionService({ stores, access, clock });
    const governance = new GovernanceService({
      stores,
      access,
      clock,
      notifier: silentNotifier,
      terms: new ApprovalTermsService({
        policyProvider: { getPolicy: async () => testGovernancePolicy }, // two approvals
        overrides: stores.policyOverrides,
      }),
      reviewerRules: DEFAULT_REVIEWER_RULES,
      // Carol governs; the floor lets Low models go down to one approval.
      overrideRules: {
        admins: ['user:default/carol'],
        floors: { Low: { approvals: 1 } },
      },
    });
    await versions.publish(model, input('1.0.0'), dana);
    await versions.publish(model, input('2.0.0'), dana);
    const setNow = (iso: string) => {
      now = new Date(iso);
    };
    return { stores, versions, governance, setNow };
  }

  const request = { evidence: {} };

  it('keeps a summary and a review page only while no replica wrote to the model', async () => {
    const { stores, governance } = await setup();
    // Another replica: its own memory, the same database.
    const otherReplica = new GovernanceService({
      ...(governance as any).deps,
    });
    const governing = jest.spyOn(stores.reviews, 'governingByVersion');
    const listed = jest.spyOn(stores.reviews, 'list');
    const stateOf = async (version: string) =>
      (await governance.summary(model, dana)).versions.find(
        v => v.version === version,
      )?.state;

    expect(await stateOf('1.0.0')).toBe('NOT_STARTED');
    expect((await governance.listReviews(model, page, dana)).items).toEqual([]);
    expect(await stateOf('1.0.0')).toBe('NOT_STARTED');
    await governance.listReviews(model, page, dana);
    // Read once each: nothing was written meanwhile.
    expect(governing).toHaveBeenCalledTimes(1);
    expect(listed).toHaveBeenCalledTimes(1);

    const review = await otherReplica.requestReview(
      model,
      '1.0.0',
      request,
      dana,
    );
    expect(await stateOf('1.0.0')).toBe('WAITING_FOR_APPROVAL');
    await otherReplica.decide(
      model,
      review.id,
      { decision: 'REJECTED', comment: 'no fairness evaluation' },
      bob,
    );
    expect(await stateOf('1.0.0')).toBe('REJECTED');
    const [listedReview] = (await governance.listReviews(model, page, dana))
      .items;
    expect(listedReview).toMatchObject({
      id: review.id,
      state: 'REJECTED',
      decisions: [expect.objectContaining({ reviewer: 'user:default/bob' })],
    });
  });

  it('abandons the open reviews of a version when a new one is requested', async () => {
    const { governance } = await setup();
    const waiting = await governance.requestReview(
      model,
      '1.0.0',
      request,
      dana,
    );
    const other = await governance.requestReview(model, '2.0.0', request, dana);
    const feedback = await governance.requestReview(
      model,
      '1.0.0',
      request,
      dana,
    );
    await governance.decide(
      model,
      feedback.id,
      { decision: 'CHANGES_REQUESTED' },
      bob,
    );
    const latest = await governance.requestReview(
      model,
      '1.0.0',
      request,
      dana,
    );

    const states = new Map(
      (await governance.listReviews(model, page, dana)).items.map(r => [
        r.id,
        r.state,
      ]),
    );
    expect(Object.fromEntries(states)).toEqual({
      [waiting.id]: 'ABANDONED',
      [feedback.id]: 'ABANDONED',
      [other.id]: 'WAITING_FOR_APPROVAL',
      [latest.id]: 'WAITING_FOR_APPROVAL',
    });
  });

  it('keeps nothing of a review request that fails part-way', async () => {
    const { stores, governance, versions } = await setup();
    const open = await governance.requestReview(model, '1.0.0', request, dana);
    jest
      .spyOn(DatabaseReviewStore.prototype, 'create')
      .mockRejectedValueOnce(new Error('database gone'));
    const outcome = await governance
      .requestReview(
        model,
        '1.0.0',
        { evidence: { independentValidation: 'https://wiki/validation' } },
        dana,
      )
      .then(
        () => 'resolved',
        e => `rejected ${e.message}`,
      );
    expect(outcome).toBe('rejected database gone');
    // Evidence not attached, the open review not abandoned, nothing audited.
    expect((await versions.getVersion(model, '1.0.0', dana)).evidence).toEqual(
      {},
    );
    expect((await stores.reviews.get(modelRef, open.id))?.state).toBe(
      'WAITING_FOR_APPROVAL',
    );
    expect(
      (await versions.auditTrail(model, page, dana)).items.filter(
        e => e.action === 'review.requested',
      ),
    ).toHaveLength(1);
  });

  it('counts concurrent approvals, so the final one is never missed', async () => {
    const { governance } = await setup();
    const review = await governance.requestReview(
      model,
      '1.0.0',
      request,
      dana,
    );
    await Promise.all([
      governance.decide(model, review.id, { decision: 'APPROVED' }, bob),
      governance.decide(model, review.id, { decision: 'APPROVED' }, carol),
    ]);
    const [decided] = (await governance.listReviews(model, page, dana)).items;
    expect(decided.state).toBe('APPROVED');
    expect(decided.decisions).toHaveLength(2);
    expect(decided.expiresAt).toBe('2027-11-22T10:00:00.000Z');
    expect((await governance.summary(model, dana)).latestApprovedVersion).toBe(
      '1.0.0',
    );
  });

  it('tells who may decide each listed review, reading the versions of a page at once', async () => {
    const { governance } = await setup();
    const rejected = await governance.requestReview(
      model,
      '1.0.0',
      request,
      dana,
    );
    await governance.decide(model, rejected.id, { decision: 'REJECTED' }, bob);
    const first = await governance.requestReview(model, '1.0.0', request, dana);
    const second = await governance.requestReview(
      model,
      '2.0.0',
      request,
      dana,
    );
    const get = jest.spyOn(DatabaseVersionStore.prototype, 'get');
    const getSummaries = jest.spyOn(
      DatabaseVersionStore.prototype,
      'getSummaries',
    );
    try {
      const eligibility = async (credentials: typeof dana) =>
        Object.fromEntries(
          (await governance.listReviews(model, page, credentials)).items.map(
            review => [review.id, review.yourEligibility],
          ),
        );
      const closed = {
        canDecide: false,
        reason: expect.stringMatching(/is REJECTED; only reviews waiting/),
      };
      expect(await eligibility(bob)).toEqual({
        [rejected.id]: closed,
        [first.id]: { canDecide: true },
        [second.id]: { canDecide: true },
      });
      const publisher = {
        canDecide: false,
        reason: expect.stringMatching(/published this version/),
      };
      expect(await eligibility(dana)).toEqual({
        [rejected.id]: closed,
        [first.id]: publisher,
        [second.id]: publisher,
      });
      expect(get).not.toHaveBeenCalled();
      expect(getSummaries).toHaveBeenCalledTimes(2);
    } finally {
      get.mockRestore();
      getSummaries.mockRestore();
    }
  });

  it('takes decisions only from others than the publisher, on open reviews', async () => {
    const { governance } = await setup();
    const review = await governance.requestReview(
      model,
      '1.0.0',
      request,
      dana,
    );
    await expect(
      governance.decide(model, review.id, { decision: 'APPROVED' }, dana),
    ).rejects.toThrow(NotAllowedError);
    const rejected = await governance.decide(
      model,
      review.id,
      { decision: 'REJECTED', comment: 'no' },
      bob,
    );
    expect(rejected.state).toBe('REJECTED');
    await expect(
      governance.decide(model, review.id, { decision: 'APPROVED' }, carol),
    ).rejects.toThrow(ConflictError);
  });

  it('marks expired approvals overdue once, with an audit event', async () => {
    const { governance, versions, setNow } = await setup();
    const review = await governance.requestReview(
      model,
      '1.0.0',
      request,
      dana,
    );
    await governance.decide(model, review.id, { decision: 'APPROVED' }, bob);
    await governance.decide(model, review.id, { decision: 'APPROVED' }, carol);

    setNow('2028-01-01T00:00:00.000Z');
    expect(await governance.markOverdueReviews()).toBe(1);
    expect(await governance.markOverdueReviews()).toBe(0);
    const [overdue] = (await versions.auditTrail(model, page, dana)).items;
    expect(overdue).toMatchObject({
      action: 'review.overdue',
      actor: 'model-hub:scheduler',
      payload: { reviewId: review.id, version: '1.0.0' },
    });
  });

  it('audits policy overrides and applies them', async () => {
    const { governance, versions } = await setup();
    // Dana published the versions: not independent of the model.
    await expect(
      governance.overridePolicy(
        model,
        { policy: { approvals: 1 }, reason: 'pilot' },
        dana,
      ),
    ).rejects.toThrow(NotAllowedError);
    await governance.overridePolicy(
      model,
      { policy: { approvals: 1 }, reason: 'pilot' },
      carol,
    );
    const review = await governance.requestReview(
      model,
      '2.0.0',
      request,
      dana,
    );
    expect(review.requiredApprovals).toBe(1);
    expect(
      (await governance.decide(model, review.id, { decision: 'APPROVED' }, bob))
        .state,
    ).toBe('APPROVED');
    expect(
      (await versions.auditTrail(model, page, dana)).items.map(e => e.action),
    ).toEqual([
      'review.decided',
      'review.requested',
      'policy.overridden',
      'version.published',
      'version.published',
    ]);
  });
});
