import path from 'node:path';
import { runMigrations, type Logger } from '@platform/service-kit';

/** The SQL migrations beside this file (copied next to main.js by the build). */
export const migrate = (databaseUrl: string, logger: Logger) =>
  runMigrations(databaseUrl, path.join(__dirname, 'migrations'), logger);
