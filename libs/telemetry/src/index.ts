export { serviceNameOf, startTelemetry, type Telemetry } from './telemetry';
