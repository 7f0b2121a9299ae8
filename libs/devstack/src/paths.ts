import { homedir } from 'node:os';
import path from 'node:path';

/** The repository root (this file lives at libs/devstack/src). */
export const repoRoot = path.resolve(__dirname, '../../..');

/** Data, logs and pid files of the servers devstack runs; git-ignored. */
export const stackDir = process.env.DEVSTACK_DIR ?? path.join(repoRoot, '.devstack');

/** Downloaded or built binaries, shared by every checkout on the machine. */
export const cacheDir = process.env.DEVSTACK_CACHE ?? path.join(homedir(), '.cache', 'platform-devstack');

export const dataDir = (name: string) => path.join(stackDir, 'data', name);
export const logFile = (name: string) => path.join(stackDir, 'logs', `${name}.log`);
export const pidFile = (name: string) => path.join(stackDir, 'pids', `${name}.pid`);
