import { existsSync } from 'node:fs';
import path from 'node:path';
import { step } from './log';
import { cacheDir } from './paths';
import { commandExists, run } from './process';

export interface GoTool {
  /** The binary's name once installed (what `go install` names it: the module path's last element). */
  binary: string;
  module: string;
  version: string;
}

/** Where a tool's build is cached: by version, shared by every checkout on the machine. */
export const goToolPath = (tool: GoTool): string =>
  path.join(cacheDir, `${path.basename(tool.binary)}-${tool.version}`, tool.binary);

/**
 * A command-line tool built once from the Go module proxy (`go install`, like devstack's FerretDB) into
 * ~/.cache/platform-devstack/<name>-<version>/ and reused after. Needs Go on PATH the first time.
 */
export async function goToolBinary(tool: GoTool): Promise<string> {
  const binary = goToolPath(tool);
  if (existsSync(binary)) return binary;
  if (!commandExists('go')) throw new Error(`${tool.module} is built from source and needs Go 1.22+ on PATH`);
  const gobin = path.dirname(binary);
  await step(`GOBIN=${gobin} go install ${tool.module}@${tool.version}`, () =>
    run('go', ['install', `${tool.module}@${tool.version}`], { env: { GOBIN: gobin } }),
  );
  if (!existsSync(binary)) throw new Error(`go install finished without ${binary}`);
  return binary;
}
