export { WebLink, isWebUrl } from './WebLink';
