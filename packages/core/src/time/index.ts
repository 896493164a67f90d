export { isoTimestamp, isoTimestampOrNull } from './iso.ts';
