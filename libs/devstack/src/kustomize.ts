import { goToolBinary, goToolPath, type GoTool } from './go-tool';
import { run } from './process';

/** kustomize, pinned: the version `kubectl apply -k` of recent kubectl embeds (v5.x). */
export const KUSTOMIZE: GoTool = {
  binary: 'kustomize',
  module: 'sigs.k8s.io/kustomize/kustomize/v5',
  version: 'v5.7.1',
};
export const KUSTOMIZE_VERSION = KUSTOMIZE.version;

export const kustomizePath = (): string => goToolPath(KUSTOMIZE);

/** The kustomize binary (built once, about a minute): renders k8s/ without kubectl or a cluster. */
export const kustomizeBinary = (): Promise<string> => goToolBinary(KUSTOMIZE);

/** `kustomize build <dir>`: the rendered manifests as one multi-document YAML string. */
export async function kustomizeBuild(dir: string): Promise<string> {
  return run(await kustomizeBinary(), ['build', dir]);
}
