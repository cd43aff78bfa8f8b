import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type {
  DriftStatus,
  GovernanceState,
  RiskLevel,
} from '@model-hub/backstage-plugin-model-hub-common';

/** How a status reads: its icon and palette colour. */
export type Tone = 'good' | 'warn' | 'bad' | 'pending' | 'neutral';

/*
 * Backstage's status components: an icon per tone in the theme's status
 * palette, always next to the words, so the status never rests on colour.
 */
const TONE_COMPONENTS = {
  good: StatusOK,
  warn: StatusWarning,
  bad: StatusError,
  pending: StatusPending,
  neutral: StatusAborted,
};

/** A status in words with the icon of its tone. */
export function ToneStatus(props: { label: string; tone: Tone }) {
  const Status = TONE_COMPONENTS[props.tone];
  // Inline, so a status reads within a sentence as well as in a table cell.
  // Backstage's Status* components are aria-hidden, words included: the
  // wrapper names the status for screen readers instead.
  return (
    <span
      data-tone={props.tone}
      role="img"
      aria-label={props.label}
      style={{ display: 'inline-flex' }}
    >
      <Status>{props.label}</Status>
    </span>
  );
}

const RISK_TONES: Record<RiskLevel, Tone> = {
  Low: 'good',
  Medium: 'neutral',
  High: 'warn',
  Severe: 'bad',
};

/** The model's risk level from the 5x5 matrix. */
export function RiskLevelChip(props: { level: RiskLevel }) {
  return <ToneStatus label={props.level} tone={RISK_TONES[props.level]} />;
}

const GOVERNANCE_TONES: Record<GovernanceState, Tone> = {
  APPROVED: 'good',
  NOT_STARTED: 'neutral',
  WAITING_FOR_APPROVAL: 'pending',
  WAITING_FOR_FEEDBACK: 'pending',
  REVIEW_OVERDUE: 'bad',
  REAPPROVAL_REQUIRED: 'bad',
  REJECTED: 'bad',
  ABANDONED: 'neutral',
};

/** A sign-off state in words, e.g. "Waiting for approval". */
export function governanceLabel(state: GovernanceState): string {
  return state.charAt(0) + state.slice(1).toLowerCase().replace(/_/g, ' ');
}

/** A sign-off state, in words. */
export function GovernanceChip(props: { state: GovernanceState }) {
  return (
    <ToneStatus
      label={governanceLabel(props.state)}
      tone={GOVERNANCE_TONES[props.state]}
    />
  );
}

const DRIFT_TONES: Record<DriftStatus, Tone> = {
  ok: 'good',
  warning: 'warn',
  drift: 'bad',
  stale: 'warn',
  unknown: 'neutral',
};

/** Drift health of a model or one of its environments. */
export function DriftChip(props: { status: DriftStatus }) {
  const label = props.status === 'unknown' ? 'no reports' : props.status;
  return <ToneStatus label={label} tone={DRIFT_TONES[props.status]} />;
}
