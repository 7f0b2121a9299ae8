import { existsSync } from 'node:fs';
import path from 'node:path';
import { step } from './log';
import { cacheDir } from './paths';
import { commandExists, run } from './process';

/** kustomize, pinned: the version `kubectl apply -k` of recent kubectl embeds (v5.x). */
export const KUSTOMIZE_VERSION = 'v5.7.1';
const KUSTOMIZE_MODULE = 'sigs.k8s.io/kustomize/kustomize/v5';

/** Where the build is cached: by version, shared by every checkout on the machine. */
export const kustomizePath = (): string => path.join(cacheDir, `kustomize-${KUSTOMIZE_VERSION}`, 'kustomize');

/**
 * The kustomize binary, built once from the Go module proxy (`go install`, like devstack's FerretDB) into
 * ~/.cache/platform-devstack/kustomize-<version>/ and reused after: renders k8s/ without kubectl or a
 * cluster. The first build takes about a minute and needs Go on PATH.
 */
export async function kustomizeBinary(): Promise<string> {
  const binary = kustomizePath();
  if (existsSync(binary)) return binary;
  if (!commandExists('go')) throw new Error('kustomize is built from source and needs Go 1.22+ on PATH');
  const gobin = path.dirname(binary);
  await step(`GOBIN=${gobin} go install ${KUSTOMIZE_MODULE}@${KUSTOMIZE_VERSION}`, () =>
    run('go', ['install', `${KUSTOMIZE_MODULE}@${KUSTOMIZE_VERSION}`], { env: { GOBIN: gobin } }),
  );
  if (!existsSync(binary)) throw new Error(`go install finished without ${binary}`);
  return binary;
}

/** `kustomize build <dir>`: the rendered manifests as one multi-document YAML string. */
export async function kustomizeBuild(dir: string): Promise<string> {
  return run(await kustomizeBinary(), ['build', dir]);
}
