// Builds dist/touchpoint.min.js from src/touchpoint.js with terser and prints the minified and min+gzip (-9) sizes.
//   node build.mjs          write dist/touchpoint.min.js
//   node build.mjs --check  exit 1 when the committed dist file differs from a fresh build (CI runs this via a test)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const root = dirname(fileURLToPath(import.meta.url));
const src = readFileSync(join(root, 'src/touchpoint.js'), 'utf8');
const out = join(root, 'dist/touchpoint.min.js');

const { code } = await minify(src, {
  ecma: 2019,
  compress: { passes: 2 },
  mangle: true,
  format: { comments: /^!/ },
});
const min = code + '\n';
const gz = gzipSync(Buffer.from(min), { level: 9 }).length;
console.log(`touchpoint.min.js: ${Buffer.byteLength(min)} bytes minified, ${gz} bytes min+gzip -9`);

if (process.argv.includes('--check')) {
  let committed = '';
  try { committed = readFileSync(out, 'utf8'); } catch { /* missing counts as stale */ }
  if (committed !== min) {
    console.error('dist/touchpoint.min.js is out of date: run `npm run build --prefix sdk/js` and commit it');
    process.exit(1);
  }
  console.log('dist/touchpoint.min.js is up to date');
} else {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, min);
}
