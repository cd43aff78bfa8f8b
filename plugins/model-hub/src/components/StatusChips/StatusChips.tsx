import Chip from '@material-ui/core/Chip';
import type {
  DriftStatus,
  GovernanceState,
  RiskLevel,
} from '@model-hub/backstage-plugin-model-hub-common';

type Tone = 'good' | 'warn' | 'bad' | 'neutral';

const TONE_COLORS: Record<Tone, { background: string; color: string }> = {
  good: { background: '#e6f4ea', color: '#1e6b34' },
  warn: { background: '#fff4e5', color: '#8a4b00' },
  bad: { background: '#fdecea', color: '#a3211a' },
  neutral: { background: '#eeeeee', color: '#424242' },
};

function ToneChip(props: { label: string; tone: Tone }) {
  return (
    <Chip
      size="small"
      label={props.label}
      style={TONE_COLORS[props.tone]}
      data-tone={props.tone}
    />
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
  return <ToneChip label={props.level} tone={RISK_TONES[props.level]} />;
}

const GOVERNANCE_TONES: Record<GovernanceState, Tone> = {
  APPROVED: 'good',
  NOT_STARTED: 'neutral',
  WAITING_FOR_APPROVAL: 'warn',
  WAITING_FOR_FEEDBACK: 'warn',
  REVIEW_OVERDUE: 'bad',
  REJECTED: 'bad',
  ABANDONED: 'neutral',
};

/** A sign-off state, in words. */
export function GovernanceChip(props: { state: GovernanceState }) {
  const label =
    props.state.charAt(0) +
    props.state.slice(1).toLowerCase().replace(/_/g, ' ');
  return <ToneChip label={label} tone={GOVERNANCE_TONES[props.state]} />;
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
  return <ToneChip label={label} tone={DRIFT_TONES[props.status]} />;
}
