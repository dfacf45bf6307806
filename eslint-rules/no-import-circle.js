// @ts-check
/**
 * ESLint rule `architecture/no-import-circle`: a file may not import one that leads back to it,
 * type-only imports included. import-x/no-cycle follows only the imports that remain at run
 * time, so a circle closed by `import type` (the 7-file one of issue 18 was) passes it; this
 * rule sees every import TypeScript sees (ts.preProcessFile: imports, re-exports, import(),
 * import types). Only relative imports of .ts files are followed; packages never lead back.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** @type {Map<string, { mtimeMs: number; imports: string[] }>} */
const cache = new Map();

/** The .ts file a relative specifier names ("./x.js" is written for "./x.ts"), or null. */
function resolveLocal(/** @type {string} */ from, /** @type {string} */ specifier) {
  if (!specifier.startsWith(".")) return null;
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = base.endsWith(".js") ? [`${base.slice(0, -3)}.ts`] : base.endsWith(".ts") ? [base] : [`${base}.ts`, path.join(base, "index.ts")];
  return candidates.find((file) => existsSync(file)) ?? null;
}

/** The local .ts files `file` imports, as it stands on disk (re-read when it changed). */
function importsOf(/** @type {string} */ file, /** @type {RegExp[]} */ skip) {
  const mtimeMs = statSync(file).mtimeMs;
  const known = cache.get(file);
  if (known && known.mtimeMs === mtimeMs) return known.imports;
  const imports = ts
    .preProcessFile(readFileSync(file, "utf8"), true, true)
    .importedFiles.map((f) => resolveLocal(file, f.fileName))
    .filter((f) => f !== null && !skip.some((re) => re.test(f)));
  cache.set(file, { mtimeMs, imports: /** @type {string[]} */ (imports) });
  return /** @type {string[]} */ (imports);
}

/** The shortest chain of imports from `start` back to `target` (both included), or null. */
function pathBack(/** @type {string} */ start, /** @type {string} */ target, /** @type {RegExp[]} */ skip) {
  /** @type {Map<string, string | null>} */
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.shift());
    for (const next of importsOf(file, skip)) {
      if (next === target) {
        const chain = [target];
        for (let at = /** @type {string | null} */ (file); at !== null; at = cameFrom.get(at) ?? null) chain.unshift(at);
        return chain;
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return null;
}

/** @type {import("eslint").Rule.RuleModule} */
const rule = {
  meta: {
    type: "problem",
    docs: { description: "Forbid import circles between files, type-only imports included." },
    schema: [{ type: "object", properties: { skip: { type: "array", items: { type: "string" } } }, additionalProperties: false }],
    messages: { circle: "Import circle: {{chain}}. Move what both sides need to a lower module." },
  },
  create(context) {
    const file = context.physicalFilename;
    if (!file.endsWith(".ts")) return {};
    const skip = (context.options[0]?.skip ?? []).map((/** @type {string} */ s) => new RegExp(s));
    const relative = (/** @type {string} */ f) => path.relative(context.cwd, f);
    /** @param {import("estree").Node & { source?: import("estree").Node | null }} node */
    function check(node) {
      const source = node.source;
      if (!source || source.type !== "Literal" || typeof source.value !== "string") return;
      const target = resolveLocal(file, source.value);
      if (target === null || target === file || skip.some((re) => re.test(target))) return;
      const chain = pathBack(target, file, skip);
      if (chain) context.report({ node, messageId: "circle", data: { chain: [file, ...chain].map(relative).join(" → ") } });
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default rule;
