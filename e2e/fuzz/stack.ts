// The six services as processes, once for every pass, with the credentials and ids the passes use.
import { type ServiceName } from '@platform/devstack';
import { startPrivateServer, startSupplierSimulator } from '@platform/devstack/testing';
import { startSagaStack } from '../test/saga/stack';
import { seedCredentials } from './credentials';

export async function startFuzzStack() {
  // LOG_LEVEL warn everywhere: a fuzzing run's thousands of 4xx need no info lines
  // order-service on a FerretDB of its own: the shared one is restarted by fault tests and loaded by others
  const ferret = await startPrivateServer('ferretdb');
  // a supplier of its own with a small catalog: a sync imports all of it, and 3,000 items (the devstack's)
  // made each fuzzed sync a minute long without testing anything more
  const supplier = await startSupplierSimulator({ products: 40 });
  const stack = await startSagaStack({
    env: {
      'payment-service': { LOG_LEVEL: 'warn' },
      'order-service': { MONGO_URL: `${ferret.url()}/fuzz_orders`, SUPPLIER_URL: supplier.url },
    },
  }).catch(async (err: unknown) => {
    await supplier.stop();
    await ferret.dispose();
    throw err;
  });
  const stop = async () => {
    await stack.stop();
    await supplier.stop();
    await ferret.dispose();
  };
  try {
    const seeds = await seedCredentials(stack);
    return { url: (service: ServiceName) => stack.url(service), seeds, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
export type FuzzStack = Awaited<ReturnType<typeof startFuzzStack>>;
