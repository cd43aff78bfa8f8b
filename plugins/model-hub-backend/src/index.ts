export { modelHubPlugin as default } from './plugin';
