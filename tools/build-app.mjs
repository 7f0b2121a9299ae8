// Bundles one app into dist/apps/<name>/main.js with esbuild: our libs are inlined (resolved through
// the tsconfig paths), npm packages stay external and come from node_modules at run time. SQL
// migrations (and an app's templates/ folder) are copied beside main.js, where the app looks for them.
import { build } from 'esbuild';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2];
if (!name || !existsSync(path.join(root, 'apps', name, 'src/main.ts'))) {
  process.stderr.write('usage: node tools/build-app.mjs <app-name>\n');
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).flatMap((d) => [d, `${d}/*`]);
const outdir = path.join(root, 'dist/apps', name);

rmSync(outdir, { recursive: true, force: true });
// worker-thread entries (`*.worker.ts`, ml-engine's training) are bundled beside main.js as `<name>.worker.js`
const src = path.join(root, 'apps', name, 'src');
const workers = readdirSync(src, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.worker.ts'))
  .map((f) => [path.basename(f, '.ts'), path.join(src, f)]);
await build({
  // instrument.js: libs/telemetry's register, loaded before main.js (`node --require ./instrument.js main.js`)
  entryPoints: {
    main: path.join(src, 'main.ts'),
    instrument: path.join(root, 'libs/telemetry/src/register.ts'),
    ...Object.fromEntries(workers),
  },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  sourcemap: true,
  tsconfig: path.join(root, 'tsconfig.base.json'),
  external,
  logLevel: 'warning',
});
const migrations = path.join(root, 'apps', name, 'src/db/migrations');
if (existsSync(migrations)) cpSync(migrations, path.join(outdir, 'migrations'), { recursive: true });
// files read at run time (notification-worker's mail templates) go beside main.js too
const templates = path.join(root, 'apps', name, 'templates');
if (existsSync(templates)) cpSync(templates, path.join(outdir, 'templates'), { recursive: true });
process.stdout.write(`built dist/apps/${name}/main.js\n`);
