export { registerReadActions } from './readActions';
export { registerWriteActions } from './writeActions';
