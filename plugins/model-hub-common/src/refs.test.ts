import { parsePinnedVersions } from './refs';

describe('parsePinnedVersions', () => {
  it('reads model refs and versions, with defaults, skipping malformed pairs', () => {
    expect(
      parsePinnedVersions(
        'model:default/credit-scoring-pd@3.2.0, churn-propensity@1.4.0,broken, @1.0.0',
        'marketing',
      ),
    ).toEqual(
      new Map([
        ['model:default/credit-scoring-pd', '3.2.0'],
        ['model:marketing/churn-propensity', '1.4.0'],
      ]),
    );
    expect(parsePinnedVersions(undefined)).toEqual(new Map());
  });
});
