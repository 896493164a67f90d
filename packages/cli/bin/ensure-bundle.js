// Builds dist/yunying.mjs from the workspace sources when it is missing or older than any source.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cliDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = join(cliDir, '..');
const outDir = join(cliDir, 'dist');
const outFile = join(outDir, 'yunying.mjs');
const chunkDir = join(outDir, 'chunks');
/** Chunks of an earlier build are removed once they are this old (a process started before the rebuild may still load one). */
const STALE_CHUNK_MS = 3_600_000;

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') || entry.name === 'package.json') newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function newestInWorkspace() {
  let newest = statSync(fileURLToPath(import.meta.url)).mtimeMs;
  for (const pkg of readdirSync(packagesDir)) {
    const src = join(packagesDir, pkg, 'src');
    try {
      newest = Math.max(newest, newestSource(src), statSync(join(packagesDir, pkg, 'package.json')).mtimeMs);
    } catch {
      // a package without src/
    }
  }
  return newest;
}

/** Third-party packages stay external: they are loaded from node_modules as usual. */
function externals() {
  const names = new Set();
  for (const pkg of readdirSync(packagesDir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(packagesDir, pkg, 'package.json'), 'utf8'));
      for (const name of Object.keys(manifest.dependencies ?? {})) if (!name.startsWith('@yunying/')) names.add(name);
    } catch {
      // not a package
    }
  }
  return [...names];
}

/**
 * The bundle's URL, after rebuilding it if a source is newer. The build runs in a child process
 * (about 0.1 s more): esbuild's JavaScript API and the build's output would otherwise stay in the
 * memory of the command that triggered it, a server's for its whole life (about 10 MB measured in
 * the primary of `serve --workers`).
 */
export function ensureBundle() {
  if (builtAt() < newestInWorkspace()) {
    try {
      execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--build'], { stdio: 'inherit' });
    } catch {
      throw new Error(`could not build ${outFile} from the sources (esbuild's report is above)`);
    }
  }
  return pathToFileURL(outFile).href;
}

function builtAt() {
  try {
    return statSync(outFile).mtimeMs;
  } catch {
    return 0; // not built yet
  }
}

async function build() {
  const { build, stop } = await import('esbuild');
  mkdirSync(dirname(outFile), { recursive: true });
  // The source map goes beside the bundle (yunying.mjs.map, found by --enable-source-maps), not
  // inside it: V8 keeps a module's source text for the life of the process, and an inline map
  // made that text 2.6 MB instead of 0.7 MB (twice that in memory: the code has Chinese text,
  // so V8 stores it two bytes per character).
  //
  // Split into chunks, loaded when first imported: the CLI's commands import the server and the
  // database only in their actions, so `yunying --help`, and the primary of `serve --workers`
  // (which only forks and supervises), do not load fastify, the API contracts, the database
  // drivers or argon2 (measured: primary idle RSS 81 → 53 MB; bench/README.md).
  const { outputFiles } = await build({
    entryPoints: { yunying: join(cliDir, 'src', 'main.ts') },
    outdir: outDir,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    external: externals(),
    logLevel: 'warning',
    banner: { js: "import { createRequire as __yyCreateRequire } from 'node:module'; const require = __yyCreateRequire(import.meta.url);" },
  });
  // Maps and chunks first, the entry last, each renamed into place: concurrent starts never see
  // half a file, and the entry's time (what decides a rebuild) is set when everything is there.
  mkdirSync(chunkDir, { recursive: true });
  const isEntry = (file) => file.path === outFile;
  for (const file of [...outputFiles.filter((file) => !isEntry(file)), ...outputFiles.filter(isEntry)]) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  const current = new Set(outputFiles.map((file) => file.path));
  for (const name of readdirSync(chunkDir)) {
    const path = join(chunkDir, name);
    try {
      if (!current.has(path) && Date.now() - statSync(path).mtimeMs > STALE_CHUNK_MS) rmSync(path, { force: true });
    } catch {
      // removed by a concurrent build
    }
  }
  stop();
}

// Run as a script (`node ensure-bundle.js --build`, by ensureBundle): build. The module's own path
// is its real one, so the script's is compared as real too (a checkout reached through a symlink).
// esbuild has printed what failed (logLevel warning); its stack trace would add nothing.
if (process.argv[2] === '--build' && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) await build().catch(() => process.exit(1));
