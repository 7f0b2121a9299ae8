import { commandExists, run } from './process';
import { step } from './log';

let updated = false;

/** Installs Debian packages when a server's binaries are missing (root, or sudo without a password). */
export async function aptInstall(packages: string[]): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  if (!asRoot && !commandExists('sudo')) {
    throw new Error(`missing ${packages.join(', ')}: install them with your package manager`);
  }
  const prefix = asRoot ? [] : ['sudo', '-n'];
  const apt = (args: string[]) => {
    const [cmd, ...rest] = [...prefix, 'apt-get', ...args];
    return run(cmd, rest, { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  };
  await step(`installing ${packages.join(' ')} with apt-get`, async () => {
    if (!updated) {
      await apt(['update', '-qq']);
      updated = true;
    }
    await apt(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
  });
}
