// Jest runs CommonJS in a VM where `import()` needs --experimental-vm-modules. PGlite's
// CommonJS build loads Node built-ins that way (`await import("fs")`), so the embedded
// database cannot start under Jest; this rewrites those calls to `require`. The captured
// `require` survives PGlite's own `var require = createRequire(...)` further down.
const DYNAMIC_IMPORT = /\bimport\(("[^"]+")\)/g;

module.exports = {
  process(sourceText) {
    return { code: `var __jestRequire = require;\n${sourceText.replace(DYNAMIC_IMPORT, 'Promise.resolve(__jestRequire($1))')}` };
  },
};
