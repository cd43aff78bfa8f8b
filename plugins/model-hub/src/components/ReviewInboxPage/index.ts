export { ReviewInboxPage } from './ReviewInboxPage';
