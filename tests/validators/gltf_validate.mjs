// Validates glTF files with the Khronos glTF validator (npm package "gltf-validator").
//   NODE_PATH=<prefix>/node_modules node tests/validators/gltf_validate.mjs FILE.gltf [FILE.gltf ...]
// Prints one summary line per file (and each issue), exits 0 when every file has no errors and no warnings,
// 1 when any has, 2 on bad usage, a missing validator or an unreadable file.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

// createRequire so that NODE_PATH (ignored by ESM imports) finds the validator wherever setup installed it.
const require = createRequire(import.meta.url);
let validator;
try {
  validator = require('gltf-validator');
} catch (e) {
  console.error(`gltf_validate: cannot load the "gltf-validator" package (set NODE_PATH to the node_modules ` +
                `folder it was installed into): ${e.message.split('\n')[0]}`);
  process.exit(2);
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node tests/validators/gltf_validate.mjs FILE.gltf [FILE.gltf ...]');
  process.exit(2);
}

const severityName = ['error', 'warning', 'info', 'hint'];

async function validate(file) {
  let bytes;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    console.error(`${file}: cannot read (${e.code ?? e.message})`);
    return 2;
  }
  const report = await validator.validateBytes(bytes, {
    uri: path.basename(file),
    maxIssues: 100,
    // External buffers (a .bin beside the .gltf) are read from the file's folder.
    externalResourceFunction: (uri) =>
      readFile(path.join(path.dirname(file), decodeURIComponent(uri))).then((b) => new Uint8Array(b)),
  });
  const issues = report.issues;
  console.log(`${file}: ${issues.numErrors} errors, ${issues.numWarnings} warnings, ` +
              `${issues.numInfos} infos, ${issues.numHints} hints (${report.validatorVersion})`);
  for (const m of issues.messages)
    console.log(`  ${severityName[m.severity] ?? m.severity} ${m.code} at ${m.pointer ?? '/'}: ${m.message}`);
  return issues.numErrors > 0 || issues.numWarnings > 0 ? 1 : 0;
}

let status = 0;
for (const file of files) {
  try {
    status = Math.max(status, await validate(file));
  } catch (e) {
    // validateBytes rejects bytes that are not glTF at all (not JSON, not GLB).
    console.error(`${file}: not a glTF file (${String(e.message ?? e).split('\n')[0]})`);
    status = Math.max(status, 1);
  }
}
process.exit(status);
