import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir, repoRoot } from '../paths';
import { spawnServer, stopServer } from '../process';
import { portOpen } from '../ports';
import { type Server } from './server';

const maildevDir = path.join(repoRoot, 'node_modules', 'maildev');

/**
 * The one SMTP catcher of every environment: devstack runs MailDev from npm, docker-compose.yml and k8s/
 * its image of the same version, under one name and on the same ports (e2e compose and k8s-manifests tests).
 */
export const SMTP_CATCHER = {
  name: 'maildev',
  image: 'ghcr.io/maildev/maildev',
  smtpPort: 1025,
  webPort: 1080,
} as const;

/** The MailDev version devstack runs (the devDependency npm installed). */
export const maildevVersion = (): string =>
  JSON.parse(readFileSync(path.join(maildevDir, 'package.json'), 'utf8')).version;

/** MailDev (npm): an SMTP server that keeps every mail and serves them at `GET /api/email`. */
export class SmtpServer implements Server {
  constructor(
    readonly name = 'smtp',
    readonly port: number = SMTP_CATCHER.smtpPort,
    readonly webPort: number = SMTP_CATCHER.webPort,
    readonly dir = dataDir(name),
  ) {}

  // a devDependency: npm installs it with the rest of the workspace
  async install(): Promise<void> {
    if (!existsSync(maildevDir)) throw new Error('maildev is missing: run npm ci');
  }

  async start(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const pkg = JSON.parse(readFileSync(path.join(maildevDir, 'package.json'), 'utf8'));
    const bin = path.join(maildevDir, pkg.bin.maildev);
    spawnServer(this.name, process.execPath, [
      bin,
      '--smtp',
      String(this.port),
      '--web',
      String(this.webPort),
      '--ip',
      '127.0.0.1',
      '--web-ip',
      '127.0.0.1',
      '--mail-directory',
      this.dir,
      '--max-emails',
      '5000',
    ]);
  }

  async ready(): Promise<boolean> {
    if (!(await portOpen(this.port))) return false;
    const res = await fetch(`${this.apiUrl()}/api/healthz`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  }

  async stop(): Promise<void> {
    await stopServer(this.name);
  }

  apiUrl(): string {
    return `http://127.0.0.1:${this.webPort}`;
  }

  env(): Record<string, string> {
    return { SMTP_URL: `smtp://127.0.0.1:${this.port}`, MAILDEV_URL: this.apiUrl() };
  }
}
