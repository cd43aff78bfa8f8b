export {
  DriftChip,
  GovernanceChip,
  governanceLabel,
  RiskLevelChip,
} from './StatusChips';
