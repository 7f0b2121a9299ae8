import { spawnSync } from 'node:child_process';
import { goToolBinary, type GoTool } from './go-tool';

/** Docker Compose v2, pinned; `go install` names the binary after the module's last element, `cmd`. */
export const DOCKER_COMPOSE: GoTool = {
  binary: 'cmd',
  module: 'github.com/docker/compose/v2/cmd',
  version: 'v2.32.4',
};

/**
 * How to run Docker Compose here, for `config` (no engine needed): the Docker client's compose plugin
 * when it has one, else Compose built once from the Go module proxy and run standalone (a machine with
 * only the Docker client, as devstack's are).
 */
export async function dockerComposeCommand(): Promise<string[]> {
  const plugin = spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' });
  if (plugin.status === 0) return ['docker', 'compose'];
  return [await goToolBinary(DOCKER_COMPOSE)];
}
