import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type HealthCheck } from '@platform/service-kit';

/** Object storage on the local file system: keys are paths below one root folder. */
export class LocalObjectStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async init(): Promise<void> {
    await mkdir(this.root, { recursive: true });
  }

  /** `storage` in /health: a probe object can be written and removed. */
  healthCheck(): HealthCheck {
    return {
      name: 'storage',
      critical: true,
      check: async () => {
        const probe = path.join(this.root, `.health-${randomUUID()}`);
        await writeFile(probe, 'ok');
        await rm(probe);
      },
    };
  }
}
