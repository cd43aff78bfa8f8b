export { registerReadActions } from './readActions';
export { registerWriteActions } from './writeActions';
export { registerScorecardActions } from './scorecardActions';
