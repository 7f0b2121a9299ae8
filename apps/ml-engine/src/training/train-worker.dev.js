// Runs the TypeScript worker under Jest and tsx: tsx compiles it and resolves the @platform paths of
// tsconfig.base.json. The production bundle has its own train.worker.js beside main.js (tools/build-app.mjs).
const path = require('node:path');
process.env.TSX_TSCONFIG_PATH ??= path.join(__dirname, '../../../../tsconfig.base.json');
require('tsx/cjs/api').register();
require('./train.worker.ts');
