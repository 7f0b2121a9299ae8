import { SimulatorServer } from './simulator-server';

/** payment-gateway-simulator (libs/devstack/src/simulators/payment-gateway) as a devstack process, on 4020. */
export class PaymentGatewaySimulatorServer extends SimulatorServer {
  constructor(name = 'payment-gateway-simulator', port = 4020) {
    super(name, port, { folder: 'payment-gateway', portVariable: 'PAYMENT_GATEWAY_SIMULATOR_PORT' });
  }

  env(): Record<string, string> {
    return { PAYMENT_GATEWAY_URL: this.url() };
  }
}
