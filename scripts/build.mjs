/**
 * Production build: compiles src/ to dist/ (or the folder given) with tsconfig.build.json, then
 * copies what tsc does not: the files under src/ that are not TypeScript (the web's CSS), which
 * the code reads beside itself at run time. Used by `npm run build` and test/e2e/compiled.e2e.test.ts.
 *
 *   node scripts/build.mjs [outDir]
 */
import { execFileSync } from "node:child_process";
import { cpSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.resolve(process.argv[2] ?? path.join(root, "dist"));
const tsc = path.join(path.dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");

rmSync(out, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json"), "--outDir", out], { cwd: root, stdio: "inherit" });
cpSync(path.join(root, "src"), out, { recursive: true, filter: (file) => statSync(file).isDirectory() || !file.endsWith(".ts") });
