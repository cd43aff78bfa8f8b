export {
  DriftChip,
  GovernanceChip,
  governanceLabel,
  RiskLevelChip,
  ToneStatus,
} from './StatusChips';
export type { Tone } from './StatusChips';
