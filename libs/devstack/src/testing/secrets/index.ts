// The secret scan: no password, card number, CVV, raw API key, raw token or JWT in a run's logs,
// topics or stores (issue 13).
export { rememberSecret, knownSecrets, type SecretKind } from './registry';
export { findSecrets, redactedExcerpt, type Hit } from './patterns';
export {
  describeScan,
  expectNoSecrets,
  formatFindings,
  scanForSecrets,
  type SecretFinding,
  type SecretScan,
  type SecretScanTargets,
  type TopicMessage,
} from './scan';
