export { ModelGovernanceContent } from './ModelGovernanceContent';
