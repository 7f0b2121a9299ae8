import { up } from '../stack';

/**
 * Jest globalSetup of every project with integration tests: brings devstack up once (or reuses the
 * running one; a lock keeps parallel Jest runs from starting servers twice) and exports its settings.
 */
export default async function globalSetup(): Promise<void> {
  const env = await up({ quiet: true });
  Object.assign(process.env, env);
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ??= 'error';
}
