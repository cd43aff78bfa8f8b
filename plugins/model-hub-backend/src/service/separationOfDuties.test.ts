import {
  DEFAULT_REVIEWER_RULES,
  reviewerIneligibility,
  ReviewerRules,
  ReviewParties,
} from './separationOfDuties';

const rules: ReviewerRules = {
  ...DEFAULT_REVIEWER_RULES,
  High: {
    reviewerGroups: ['group:default/model-risk-management'],
    independentOfOwner: true,
  },
};

const parties = (riskLevel: ReviewParties['riskLevel']): ReviewParties => ({
  riskLevel,
  modelOwner: 'credit-risk-analytics',
  publishedBy: 'service:model-hub-ci',
  publishedOnBehalfOf: 'user:default/anna',
  requestedBy: 'user:default/david',
});

const person = (name: string, ...groups: string[]) => ({
  userEntityRef: `user:default/${name}`,
  ownershipEntityRefs: [`user:default/${name}`, ...groups],
});

describe('reviewerIneligibility', () => {
  it('keeps the person a CI publish acted for from reviewing it', () => {
    expect(
      reviewerIneligibility(person('anna'), parties('Low'), rules),
    ).toMatch(/published this version/);
  });

  it('keeps the requester of a review from deciding it', () => {
    expect(
      reviewerIneligibility(person('david'), parties('Low'), rules),
    ).toMatch(/requested this review/);
    expect(
      reviewerIneligibility(
        person('erin'),
        {
          ...parties('Low'),
          requestedBy: 'service:ci',
          requestedOnBehalfOf: 'user:default/erin',
        },
        rules,
      ),
    ).toMatch(/requested this review/);
  });

  it('lets anyone else decide Low and Medium reviews, teammates included', () => {
    const teammate = person('carl', 'group:default/credit-risk-analytics');
    expect(
      reviewerIneligibility(teammate, parties('Low'), rules),
    ).toBeUndefined();
    expect(
      reviewerIneligibility(teammate, parties('Medium'), rules),
    ).toBeUndefined();
  });

  it('keeps members of the owning group from deciding High and Severe reviews', () => {
    const teammate = person(
      'carl',
      'group:default/credit-risk-analytics',
      'group:default/model-risk-management',
    );
    expect(reviewerIneligibility(teammate, parties('High'), rules)).toMatch(
      /member of group:default\/credit-risk-analytics, which owns the model/,
    );
    // Severe has no reviewer groups here, but independence still holds.
    expect(reviewerIneligibility(teammate, parties('Severe'), rules)).toMatch(
      /owns the model/,
    );
  });

  it('takes reviewers of a level only from its reviewer groups', () => {
    expect(
      reviewerIneligibility(person('zoe'), parties('High'), rules),
    ).toMatch(/not in a reviewer group for High models/);
    expect(
      reviewerIneligibility(
        person('ingrid', 'group:default/model-risk-management'),
        parties('High'),
        rules,
      ),
    ).toBeUndefined();
  });

  it('compares refs in the catalog form, whatever their case or shorthand', () => {
    const teammate = person('carl', 'Group:default/Credit-Risk-Analytics');
    expect(
      reviewerIneligibility(
        teammate,
        { ...parties('Severe'), modelOwner: 'group:credit-risk-analytics' },
        rules,
      ),
    ).toMatch(/owns the model/);
  });
});
