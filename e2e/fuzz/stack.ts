// The six services as processes, once for every pass, with the credentials and ids the passes use.
import { type ServiceName } from '@platform/devstack';
import { startSagaStack } from '../test/saga/stack';
import { seedCredentials } from './credentials';

export async function startFuzzStack() {
  // LOG_LEVEL warn everywhere: a fuzzing run's thousands of 4xx need no info lines
  const stack = await startSagaStack({ env: { 'payment-service': { LOG_LEVEL: 'warn' } } });
  try {
    const seeds = await seedCredentials(stack);
    return { url: (service: ServiceName) => stack.url(service), seeds, stop: () => stack.stop() };
  } catch (err) {
    await stack.stop();
    throw err;
  }
}
export type FuzzStack = Awaited<ReturnType<typeof startFuzzStack>>;
