import { existsSync } from 'node:fs';
import path from 'node:path';
import { dataDir, repoRoot } from '../paths';
import { portOpen } from '../ports';
import { spawnServer, stopServer } from '../process';
import { type Server } from './server';

const tsxCli = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs');
const entry = path.join(repoRoot, 'libs/devstack/src/simulators/supplier/main.ts');

/** The development secret the simulator signs webhooks with; order-service's default is the same one. */
export const SUPPLIER_SIMULATOR_DEV_SECRET = 'supplier-simulator-dev-secret';

/** supplier-simulator (libs/devstack/src/simulators/supplier) as a devstack process, on 4010. */
export class SupplierSimulatorServer implements Server {
  constructor(
    readonly name = 'supplier-simulator',
    readonly port = 4010,
    readonly dir = dataDir(name),
  ) {}

  async install(): Promise<void> {
    if (!existsSync(tsxCli)) throw new Error('tsx is missing: run npm ci');
  }

  async start(): Promise<void> {
    spawnServer(this.name, process.execPath, [tsxCli, entry], {
      env: { ...process.env, SUPPLIER_SIMULATOR_PORT: String(this.port) },
      cwd: repoRoot,
    });
  }

  async ready(): Promise<boolean> {
    if (!(await portOpen(this.port))) return false;
    const res = await fetch(`${this.url()}/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  }

  async stop(): Promise<void> {
    await stopServer(this.name);
  }

  url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  env(): Record<string, string> {
    return { SUPPLIER_URL: this.url() };
  }
}
