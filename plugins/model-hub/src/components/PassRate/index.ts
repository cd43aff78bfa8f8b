export { PassRate, formatPassRate, passRateWords } from './PassRate';
