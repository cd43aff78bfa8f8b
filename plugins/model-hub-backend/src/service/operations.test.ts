import { AuditEvent } from '../database/types';
import { computeOperationsMetrics } from './operations';

let id = 0;
function event(
  action: AuditEvent['action'],
  occurredAt: string,
  payload: Record<string, unknown>,
): AuditEvent {
  id++;
  return {
    id: String(id),
    modelRef: 'model:default/m',
    action,
    actor: 'user:default/dana',
    occurredAt,
    payload,
  };
}

describe('computeOperationsMetrics', () => {
  it('measures time from detected drift to an approved version deployed again', () => {
    const events = [
      event('deployment.recorded', '2026-11-01T00:00:00Z', {
        environment: 'production',
        version: '1.0.0',
      }),
      event('drift.reported', '2026-11-10T10:00:00Z', {
        environment: 'production',
        status: 'drift',
      }),
      // a second drift report while the incident is open does not restart it
      event('drift.reported', '2026-11-10T11:00:00Z', {
        environment: 'production',
        status: 'drift',
      }),
      // deploying an unapproved version does not restore service
      event('deployment.recorded', '2026-11-10T11:30:00Z', {
        environment: 'production',
        version: '1.1.0-rc',
      }),
      event('review.decided', '2026-11-10T11:40:00Z', {
        version: '1.1.0',
        resultingState: 'APPROVED',
      }),
      event('deployment.recorded', '2026-11-10T12:00:00Z', {
        environment: 'production',
        version: '1.1.0',
      }),
      event('drift.reported', '2026-11-20T00:00:00Z', {
        environment: 'staging',
        status: 'drift',
      }),
    ];
    const metrics = computeOperationsMetrics(
      events,
      new Date('2026-11-22T00:00:00Z'),
    );
    expect(metrics.deployments).toEqual({
      total: 3,
      last30Days: 3,
      perWeekLast90Days: 0.23,
    });
    expect(metrics.mttr.meanMinutes).toBe(120);
    expect(metrics.mttr.restoredCount).toBe(1);
    expect(metrics.mttr.openCount).toBe(1);
    expect(metrics.mttr.incidents[1]).toEqual({
      environment: 'staging',
      detectedAt: '2026-11-20T00:00:00Z',
    });
  });
});
