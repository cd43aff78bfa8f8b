import { AuditEvent } from '../database/types';

/*
 * Operations metrics from the audit trail (pure): deployment frequency and
 * MTTR, measured from a drift or failure being detected in an environment to
 * an approved version being deployed there again.
 */

export type Incident = {
  environment: string;
  detectedAt: string;
  restoredAt?: string;
  minutesToRestore?: number;
};

export type OperationsMetrics = {
  deployments: { total: number; last30Days: number; perWeekLast90Days: number };
  mttr: {
    incidents: Incident[];
    restoredCount: number;
    openCount: number;
    meanMinutes?: number;
  };
};

const DAY_MS = 86_400_000;

export function computeOperationsMetrics(
  events: AuditEvent[],
  now: Date,
): OperationsMetrics {
  const deployments = events.filter(e => e.action === 'deployment.recorded');
  const since = (days: number) =>
    deployments.filter(
      e => now.getTime() - new Date(e.occurredAt).getTime() <= days * DAY_MS,
    ).length;

  const approvedVersions = new Set<string>();
  const open = new Map<string, Incident>();
  const incidents: Incident[] = [];
  for (const event of events) {
    const payload = event.payload as Record<string, any>;
    if (
      event.action === 'review.decided' &&
      payload.resultingState === 'APPROVED'
    ) {
      approvedVersions.add(payload.version);
    } else if (
      event.action === 'drift.reported' &&
      payload.status === 'drift' &&
      !open.has(payload.environment)
    ) {
      const incident = {
        environment: payload.environment,
        detectedAt: event.occurredAt,
      };
      open.set(payload.environment, incident);
      incidents.push(incident);
    } else if (event.action === 'deployment.recorded') {
      const incident = open.get(payload.environment);
      if (incident && approvedVersions.has(payload.version)) {
        incident.restoredAt = event.occurredAt;
        incident.minutesToRestore =
          (new Date(event.occurredAt).getTime() -
            new Date(incident.detectedAt).getTime()) /
          60_000;
        open.delete(payload.environment);
      }
    }
  }
  const restored = incidents.filter(i => i.minutesToRestore !== undefined);
  return {
    deployments: {
      total: deployments.length,
      last30Days: since(30),
      perWeekLast90Days: Math.round((since(90) / (90 / 7)) * 100) / 100,
    },
    mttr: {
      incidents,
      restoredCount: restored.length,
      openCount: incidents.length - restored.length,
      meanMinutes: restored.length
        ? restored.reduce((sum, i) => sum + i.minutesToRestore!, 0) /
          restored.length
        : undefined,
    },
  };
}
