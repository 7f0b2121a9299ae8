// `nx run gateway:ingress`: writes k8s/base/ingress.yaml (the kustomize base uses it) from the routing table.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { INGRESS_FILE, ingressYaml } from '../src/ingress';

const file = path.resolve(__dirname, '../../..', INGRESS_FILE);
writeFileSync(file, ingressYaml());
process.stdout.write(`wrote ${INGRESS_FILE}\n`);
