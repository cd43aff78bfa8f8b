export { ModelRiskContent } from './ModelRiskContent';
