export { DriftChip, GovernanceChip, RiskLevelChip } from './StatusChips';
