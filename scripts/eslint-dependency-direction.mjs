// An ESLint rule that says which module may import which: its options are a list of boundaries
// (eslint.config.js holds allocdiff's). Static imports, re-exports and `import('…')` are checked.
import { posix, relative, sep } from 'node:path';
import picomatch from 'picomatch';

/**
 * A boundary: the files it applies to (`files`, less `except`), what they may not import
 * (`forbid`, less `allow`) and why (`because`, shown in the message). With `names`, only those
 * exports of the forbidden modules are forbidden: an import that names one of them, takes the
 * whole module (`import * as`, `import('…')`, `export *`) or runs it for its effects. Globs are matched against
 * the imported module as a path from the project's root for a relative import
 * (`../capture/process.js` in src/report/ is `src/capture/process.ts`), or against the
 * specifier itself for a package (`node:child_process`, `@actions/core`).
 */
const boundarySchema = {
  type: 'object',
  properties: {
    files: { type: 'array', items: { type: 'string' }, minItems: 1 },
    except: { type: 'array', items: { type: 'string' } },
    forbid: { type: 'array', items: { type: 'string' }, minItems: 1 },
    allow: { type: 'array', items: { type: 'string' } },
    names: { type: 'array', items: { type: 'string' }, minItems: 1 },
    because: { type: 'string' },
  },
  required: ['files', 'forbid', 'because'],
  additionalProperties: false,
};

/** A matcher for a list of globs; no list matches nothing. */
function matcher(globs = []) {
  return globs.length === 0 ? () => false : picomatch(globs);
}

/**
 * The exports an import statement takes from its module: their names, or undefined for the
 * whole module (a namespace, a dynamic import, `export *`, an import for its effects only).
 */
function takenNames(node) {
  if (node.type === 'ImportExpression' || node.type === 'ExportAllDeclaration') return undefined;
  const specifiers = node.specifiers ?? [];
  if (node.type === 'ImportDeclaration' && specifiers.length === 0) return undefined;
  const names = [];
  for (const specifier of specifiers) {
    if (specifier.type === 'ImportNamespaceSpecifier') return undefined;
    const taken =
      specifier.type === 'ImportDefaultSpecifier'
        ? 'default'
        : specifier.type === 'ImportSpecifier'
          ? specifier.imported
          : specifier.local; // ExportSpecifier: `export { name as other } from`
    names.push(taken.type === 'Literal' ? taken.value : (taken.name ?? 'default'));
  }
  return names;
}

/**
 * What an import names, as the boundaries see it: a path from the root for a relative import
 * (TypeScript's `.js` written for a `.ts` file read as the `.ts`), the specifier otherwise.
 */
function importedModule(importer, specifier) {
  if (!specifier.startsWith('.')) return specifier;
  const target = posix.normalize(posix.join(posix.dirname(importer), specifier));
  return target.replace(/\.js$/, '.ts');
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps imports to the directions the boundaries allow' },
    schema: [{ type: 'array', items: boundarySchema }],
    messages: {
      forbidden: '{{file}} may not import {{imported}}: {{because}}',
    },
  },
  create(context) {
    const file = relative(context.cwd, context.filename).split(sep).join('/');
    const boundaries = (context.options[0] ?? [])
      .filter((boundary) => matcher(boundary.files)(file) && !matcher(boundary.except)(file))
      .map((boundary) => ({
        forbidden: matcher(boundary.forbid),
        allowed: matcher(boundary.allow),
        names: boundary.names,
        because: boundary.because,
      }));
    if (boundaries.length === 0) return {};

    const check = (node) => {
      const source = node.source;
      // `import(name)` with a computed name cannot be checked; the code base has none.
      const specifier =
        source?.type === 'Literal'
          ? source.value
          : source?.type === 'TemplateLiteral' && source.expressions.length === 0
            ? source.quasis[0].value.cooked
            : undefined;
      if (typeof specifier !== 'string') return;
      const imported = importedModule(file, specifier);
      const taken = takenNames(node);
      for (const { forbidden, allowed, names, because } of boundaries) {
        if (!forbidden(imported) || allowed(imported)) continue;
        const named =
          names === undefined || taken === undefined
            ? undefined
            : taken.filter((name) => names.includes(name));
        if (named?.length === 0) continue;
        context.report({
          node: source,
          messageId: 'forbidden',
          data: {
            file,
            imported: named ? `${named.join(', ')} from ${imported}` : imported,
            because,
          },
        });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
