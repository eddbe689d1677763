// `pnpm bench [suite...]`: runs the suites in bench/suites (all of them by default) one after
// another, so they never compete for the machine's two cores, and prints each suite's table.
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const dir = new URL('./suites/', import.meta.url);
const available = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''));
// pnpm passes a literal `--` through to the script; it is not a suite name.
const wanted = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : available) {
  console.log(`\n━━ bench: ${name} ━━`);
  const suite = await import(pathToFileURL(new URL(`${name}.bench.ts`, dir).pathname).href);
  await suite.run();
}
