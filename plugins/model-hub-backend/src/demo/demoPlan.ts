import {
  DEMO_RISK_REVIEWER,
  DEMO_SECOND_RISK_REVIEWER,
  DemoGovernance,
  DemoModelPlan,
  DemoUser,
} from './demoScenario';

/*
 * Turns a model's plan into the dated steps of its history: publishing,
 * deployments, aliases, reviews, deprecations and drift windows. Pure, so
 * the timeline is computed the same way on every run; the dates are relative
 * to the time of seeding, as the demo is meant to look current.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const DEMO_TIMELINE = {
  /** When the three versions were published, per governance outcome. */
  publishedDaysAgo: {
    approved: [150, 75, 24],
    waiting: [150, 60, 3],
    // Severe risk: a 3-month cadence, so an approval 107 days ago has expired.
    expired: [270, 190, 110],
  } as Record<DemoGovernance, [number, number, number]>,
  /** Weekly drift windows over the last six weeks, per environment. */
  windows: 6,
  windowDays: 7,
  staleDaysAgo: 5,
  /** Share of each feature's shift reached in each window, oldest first. */
  driftRamp: [0, 0, 0, 0.15, 0.7, 1],
  /** Over 1000 reference rows: distances (Wasserstein, Jensen-Shannon) judge drift. */
  referenceRows: 1200,
  windowRows: 1000,
};

export const DEMO_ENVIRONMENTS = ['staging', 'production'] as const;

type At = { at: Date; as: DemoUser };

export type DemoStep = At &
  (
    | { kind: 'publish'; versionIndex: number }
    | { kind: 'deploy'; version: string; environment: string; alias?: string }
    | { kind: 'deprecate'; version: string; reason: string }
    | { kind: 'requestReview'; version: string }
    | { kind: 'approve'; version: string; comment: string }
    | {
        kind: 'drift';
        version: string;
        environment: string;
        windowIndex: number;
        windowStart: Date;
        windowEnd: Date;
        /** How far the window's data has drifted, 0..1. */
        drift: number;
      }
  );

/** The steps of one model's demo history, oldest first. */
export function planSteps(plan: DemoModelPlan, now: Date): DemoStep[] {
  const base = Math.floor(now.getTime() / HOUR) * HOUR;
  const at = (ms: number) => new Date(Math.min(ms, now.getTime()));
  const published = DEMO_TIMELINE.publishedDaysAgo[plan.governance].map(
    daysAgo => base - daysAgo * DAY,
  );
  const last = plan.versions.length - 1;
  const steps: DemoStep[] = [];
  const by = plan.publisher;

  plan.versions.forEach((version, index) => {
    const p = published[index];
    const waiting = plan.governance === 'waiting' && index === last;
    const reviewed =
      index === last || (plan.governance === 'waiting' && index === last - 1);
    steps.push({ kind: 'publish', at: at(p), as: by, versionIndex: index });
    steps.push({
      kind: 'deploy',
      at: at(p + DAY),
      as: by,
      version,
      environment: 'staging',
      alias: waiting ? 'challenger' : undefined,
    });
    if (reviewed) {
      steps.push({
        kind: 'requestReview',
        at: at(p + DAY + 2 * HOUR),
        as: by,
        version,
      });
    }
    if (reviewed && !waiting) {
      // The policy decides how many approvals count; a second one is only
      // given while the review still waits for it.
      steps.push({
        kind: 'approve',
        at: at(p + 2 * DAY),
        as: DEMO_RISK_REVIEWER,
        version,
        comment:
          'Independent validation complete; approved by Model Risk Management.',
      });
      steps.push({
        kind: 'approve',
        at: at(p + 3 * DAY),
        as: DEMO_SECOND_RISK_REVIEWER,
        version,
        comment:
          'Second validation: evaluation, signature and drift reference checked.',
      });
    }
    if (!waiting) {
      steps.push({
        kind: 'deploy',
        at: at(p + 4 * DAY),
        as: by,
        version,
        environment: 'production',
        alias: 'champion',
      });
      if (index > 0) {
        steps.push({
          kind: 'deprecate',
          at: at(p + 4 * DAY + HOUR),
          as: by,
          version: plan.versions[index - 1],
          reason: `Superseded by ${version} in production`,
        });
      }
    }
  });

  steps.push(...driftSteps(plan, base, now, steps));
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Weekly windows per environment, against the version deployed there at the window's end. */
function driftSteps(
  plan: DemoModelPlan,
  base: number,
  now: Date,
  lifecycle: DemoStep[],
): DemoStep[] {
  const { windows, windowDays, staleDaysAgo, driftRamp } = DEMO_TIMELINE;
  const lastEnd = plan.drift === 'stale' ? base - staleDaysAgo * DAY : base;
  const steps: DemoStep[] = [];
  for (const environment of DEMO_ENVIRONMENTS) {
    for (let index = 0; index < windows; index++) {
      const end = lastEnd - (windows - 1 - index) * windowDays * DAY;
      const deployed = lifecycle
        .filter(
          s =>
            s.kind === 'deploy' &&
            s.environment === environment &&
            s.at.getTime() <= end,
        )
        .pop();
      if (!deployed || deployed.kind !== 'deploy') continue;
      steps.push({
        kind: 'drift',
        at: new Date(Math.min(end + HOUR / 2, now.getTime())),
        as: plan.publisher,
        version: deployed.version,
        environment,
        windowIndex: index,
        windowStart: new Date(end - windowDays * DAY),
        windowEnd: new Date(end),
        drift: plan.drift === 'drifting' ? driftRamp[index] : 0,
      });
    }
  }
  return steps;
}
