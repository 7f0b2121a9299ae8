import { SimulatorServer } from './simulator-server';

/** The development secret the simulator signs webhooks with; order-service's default is the same one. */
export const SUPPLIER_SIMULATOR_DEV_SECRET = 'supplier-simulator-dev-secret';

/** supplier-simulator (libs/devstack/src/simulators/supplier) as a devstack process, on 4010. */
export class SupplierSimulatorServer extends SimulatorServer {
  constructor(name = 'supplier-simulator', port = 4010) {
    super(name, port, { folder: 'supplier', portVariable: 'SUPPLIER_SIMULATOR_PORT' });
  }

  env(): Record<string, string> {
    return { SUPPLIER_URL: this.url() };
  }
}
