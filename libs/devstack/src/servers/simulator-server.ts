import { existsSync } from 'node:fs';
import path from 'node:path';
import { dataDir, repoRoot } from '../paths';
import { portOpen } from '../ports';
import { spawnServer, stopServer } from '../process';
import { type Server } from './server';

const tsxCli = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs');

/** A simulator of libs/devstack/src/simulators (its main.ts run by tsx) as a devstack process. */
export abstract class SimulatorServer implements Server {
  readonly dir: string;

  constructor(
    readonly name: string,
    readonly port: number,
    /** The folder under libs/devstack/src/simulators and the variable main.ts reads its port from. */
    private readonly simulator: { folder: string; portVariable: string },
  ) {
    this.dir = dataDir(name);
  }

  async install(): Promise<void> {
    if (!existsSync(tsxCli)) throw new Error('tsx is missing: run npm ci');
  }

  async start(): Promise<void> {
    const entry = path.join(repoRoot, 'libs/devstack/src/simulators', this.simulator.folder, 'main.ts');
    spawnServer(this.name, process.execPath, [tsxCli, entry], {
      env: { ...process.env, [this.simulator.portVariable]: String(this.port) },
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

  abstract env(): Record<string, string>;
}
