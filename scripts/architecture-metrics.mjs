#!/usr/bin/env node
/**
 * How the API's modules connect, measured from the imports (docs/architecture.md, issue 14's figures).
 * `node scripts/architecture-metrics.mjs` prints them; test files are left out (they wire real modules together).
 *
 * - module→module imports: import edges from a file of one module to a file of another;
 * - table reaches: edges into another module's `*.schema.ts` (schema files' foreign keys aside), plus tables taken
 *   through another module's front door (`<module>.public.ts` re-exporting a `*.schema.ts` value);
 * - two-way pairs: module pairs importing each other; depth: longest chain of the module graph (cycles condensed);
 * - permission checks by hand (`assertCan(`), `scopeOf(c)` calls, anonymous route handlers.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const src = 'packages/api/src/';
const isTest = (file) => /\.test\.ts$|-test-helpers\.ts$|\.fixtures\.ts$|\/test-support\//.test(file);

/** `modules/<area>/<module>/…` or `modules/<module>/…`: the module a file belongs to. */
function moduleOf(file) {
  if (!file.startsWith(`${src}modules/`)) return undefined;
  const parts = file.slice(`${src}modules/`.length).split('/');
  if (parts.length === 1) return undefined; // modules/registry.ts lists the modules; it belongs to none
  // A module folder holds files; an area folder holds module folders only.
  const first = path.join(src, 'modules', parts[0]);
  const isArea = readdirSync(first).every((name) => statSync(path.join(first, name)).isDirectory());
  return isArea && parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0];
}

const result = await cruise([`${src}`], {
  doNotFollow: { path: 'node_modules' },
  exclude: { path: '(node_modules|/dist/)' },
  tsPreCompilationDeps: true,
  tsConfig: { fileName: 'tsconfig.base.json' },
});
const files = result.output.modules.filter((m) => m.source.startsWith(src) && !isTest(m.source));

let moduleImports = 0;
let tableReaches = 0;
/** Values a front door re-exports from a schema file: tables (or constants) others could query through it. */
const tablesAtFrontDoor = new Map();
for (const file of files.filter((f) => f.source.endsWith('.public.ts'))) {
  const text = readFileSync(file.source, 'utf8');
  for (const match of text.matchAll(/^export \{([^}]*)\} from '\.\/[^']+\.schema\.ts';/gm)) {
    tablesAtFrontDoor.set(file.source, new Set(match[1].split(',').map((name) => name.trim()).filter(Boolean)));
  }
}
let frontDoorTableReaches = 0;
const reachFiles = new Set();
const edges = new Map();
const platformToModules = [];
for (const file of files) {
  const from = moduleOf(file.source);
  for (const dep of file.dependencies) {
    const to = moduleOf(dep.resolved);
    if (file.source.startsWith(`${src}platform/`) && to) platformToModules.push(`${file.source} → ${dep.resolved}`);
    if (!from || !to || from === to) continue;
    moduleImports += 1;
    if (dep.resolved.endsWith('.schema.ts') && !file.source.endsWith('.schema.ts')) {
      tableReaches += 1;
      reachFiles.add(file.source);
    }
    const doorTables = tablesAtFrontDoor.get(dep.resolved);
    if (doorTables) {
      const text = readFileSync(file.source, 'utf8');
      const spec = dep.module.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      for (const match of text.matchAll(new RegExp(`^import \\{([^}]*)\\} from '${spec}';`, 'gm'))) {
        const names = match[1].split(',').map((name) => name.trim().split(' as ')[0]);
        const reached = names.filter((name) => doorTables.has(name)).length;
        if (reached > 0) {
          frontDoorTableReaches += reached;
          reachFiles.add(file.source);
        }
      }
    }
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from).add(to);
  }
}

const modules = new Set([...files.map((f) => moduleOf(f.source)).filter(Boolean)]);
const twoWayPairs = [];
for (const [a, tos] of edges) for (const b of tos) if (a < b && edges.get(b)?.has(a)) twoWayPairs.push(`${a} ⇄ ${b}`);
const twoWay = twoWayPairs.length;

// Tarjan's strongly connected components, then the longest chain of the condensed graph.
const index = new Map();
const low = new Map();
const onStack = new Set();
const stack = [];
const component = new Map();
let counter = 0;
let components = 0;
function connect(v) {
  index.set(v, counter);
  low.set(v, counter);
  counter += 1;
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!index.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
  }
  if (low.get(v) === index.get(v)) {
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.set(w, components);
    } while (w !== v);
    components += 1;
  }
}
for (const m of modules) if (!index.has(m)) connect(m);
const largestCycle = Math.max(...[...Array(components).keys()].map((c) => [...component.values()].filter((x) => x === c).length));
const componentEdges = new Map();
for (const [a, tos] of edges) for (const b of tos) {
  const ca = component.get(a);
  const cb = component.get(b);
  if (ca === cb) continue;
  if (!componentEdges.has(ca)) componentEdges.set(ca, new Set());
  componentEdges.get(ca).add(cb);
}
const depthMemo = new Map();
function depth(c) {
  if (depthMemo.has(c)) return depthMemo.get(c);
  let best = 1;
  for (const next of componentEdges.get(c) ?? []) best = Math.max(best, 1 + depth(next));
  depthMemo.set(c, best);
  return best;
}
const graphDepth = Math.max(...[...Array(components).keys()].map(depth));

function grep(pattern) {
  let count = 0;
  for (const file of files) count += (readFileSync(file.source, 'utf8').match(pattern) ?? []).length;
  return count;
}

/** Lines of the setup hooks (beforeAll/beforeEach/afterAll/afterEach) and file-level lets in API test files. */
function testSetup() {
  const all = result.output.modules.map((m) => m.source);
  const testFiles = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.test.ts')) testFiles.push(full);
    }
  };
  walk(`${src}`);
  let lines = 0;
  let withHooks = 0;
  for (const file of testFiles) {
    const text = readFileSync(file, 'utf8').split('\n');
    let inHook = false;
    let depthCount = 0;
    let fileLines = 0;
    for (const line of text) {
      if (!inHook && /^\s*(beforeAll|beforeEach|afterAll|afterEach)\(/.test(line)) {
        inHook = true;
        depthCount = 0;
      }
      if (inHook) {
        fileLines += 1;
        depthCount += (line.match(/[({]/g) ?? []).length - (line.match(/[)}]/g) ?? []).length;
        if (depthCount <= 0) inHook = false;
      }
    }
    if (fileLines > 0) withHooks += 1;
    lines += fileLines;
  }
  return { files: testFiles.length, withHooks, lines, cruised: all.length };
}

const setup = testSetup();
const figures = {
  modules: modules.size,
  'module→module imports': moduleImports,
  'table reaches (another module’s schema)': tableReaches,
  'tables taken through front doors': frontDoorTableReaches,
  'files reaching other modules’ tables': reachFiles.size,
  'two-way module pairs': twoWay,
  'module graph depth (cycles condensed)': graphDepth,
  'largest import cycle (modules)': largestCycle,
  'platform → modules imports': platformToModules.length,
  'assertCan( calls': grep(/assertCan\(/g),
  'scopeOf(c) calls': grep(/scopeOf\(c\)/g),
  'anonymous route handlers': grep(/\.openapi\(\w+Route,\s*async\s*\(/g),
  'API test files': setup.files,
  'test files with setup hooks': setup.withHooks,
  'lines in setup hooks': setup.lines,
};
const width = Math.max(...Object.keys(figures).map((k) => k.length));
for (const [key, value] of Object.entries(figures)) console.log(`${key.padEnd(width)}  ${value}`);
if (process.argv.includes('--pairs')) for (const pair of twoWayPairs.sort()) console.log(`  ${pair}`);
if (process.argv.includes('--reaches')) for (const f of [...reachFiles].sort()) console.log(`  ${f}`);
