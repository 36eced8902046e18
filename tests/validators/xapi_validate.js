// Validates xAPI statement files with the Learning Locker validator (@learninglocker/xapi-validation, installed
// by scripts/setup.sh into build/node). Usage: node xapi_validate.js FILE...; exits 1 listing every warning.
const validate = require('@learninglocker/xapi-validation').default;
const fs = require('fs');
let failed = false;
for (const file of process.argv.slice(2)) {
  const statements = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(statements) || statements.length === 0) {
    console.log(`${file}: not a non-empty array of statements`);
    failed = true;
    continue;
  }
  statements.forEach((statement, i) => {
    const warnings = validate(statement);
    for (const w of warnings) {
      console.log(`${file}: statement ${i}: ${JSON.stringify(w.path)}: ${w.constructor.name} ${w.message || ''}`);
      failed = true;
    }
  });
  if (!failed) console.log(`${file}: ${statements.length} statements valid`);
}
process.exit(failed ? 1 : 0);
