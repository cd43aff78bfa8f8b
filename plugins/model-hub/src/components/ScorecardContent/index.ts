export { ScorecardCard } from './ScorecardCard';
export { ScorecardContent } from './ScorecardContent';
