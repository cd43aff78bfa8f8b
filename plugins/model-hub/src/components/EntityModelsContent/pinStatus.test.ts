import { pinLabel, pinStatus } from './pinStatus';

const model = {
  latestApprovedVersion: '3.2.0',
  approvedVersions: ['3.2.0', '3.1.0'],
};

describe('pinStatus', () => {
  it('tells the latest approved, an older approved and an unapproved pin apart', () => {
    expect(pinLabel(pinStatus(model, '3.2.0'))).toEqual({
      text: '3.2.0 (latest approved)',
      tone: 'good',
    });
    expect(pinLabel(pinStatus(model, '3.1.0'))).toEqual({
      text: '3.1.0 (approved; 3.2.0 is newer)',
      tone: 'warn',
    });
    expect(pinLabel(pinStatus(model, '2.0.0'))).toEqual({
      text: '2.0.0 is not approved: move to 3.2.0',
      tone: 'bad',
    });
    expect(pinLabel(pinStatus({ approvedVersions: [] }, '1.0.0')).tone).toBe(
      'bad',
    );
    expect(pinLabel(pinStatus(model, undefined)).text).toBe('not pinned');
  });
});
