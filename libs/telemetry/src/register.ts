// Loaded before the app (`node --require ./instrument.js main.js`; `tsx --require` when serving):
// the instrumentations patch http, express, pg, ioredis, mongoose and kafkajs as the app first
// requires them, so this must run before any of those is loaded. Bundled by tools/build-app.mjs.
import { startTelemetry } from './telemetry';

startTelemetry();
