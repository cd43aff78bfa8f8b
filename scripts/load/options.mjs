/*
 * Command-line options of the load scripts: `--name value`, `--name=value`,
 * `--flag` for booleans, or the environment variable LOAD_NAME (dashes become
 * underscores). The defaults decide each option's type.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root, where the load scripts read and write data. */
export const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

export function parseOptions(argv, defaults, usage) {
  const opts = {};
  for (const [key, value] of Object.entries(defaults)) {
    const env = process.env[`LOAD_${key.toUpperCase().replace(/-/g, '_')}`];
    opts[key] = env === undefined ? value : coerce(env, value);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(usage);
      process.exit(0);
    }
    const m = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(arg);
    if (!m || !(m[1] in defaults)) {
      console.error(`Unknown argument ${arg}\n${usage}`);
      process.exit(2);
    }
    const key = m[1];
    let raw = m[2];
    if (raw === undefined) {
      if (typeof defaults[key] === 'boolean') raw = 'true';
      else raw = argv[++i];
    }
    opts[key] = coerce(raw, defaults[key]);
  }
  return opts;
}

function coerce(raw, like) {
  if (typeof like === 'number') {
    const n = Number(String(raw).replace(/_/g, ''));
    if (!Number.isFinite(n)) throw new Error(`Not a number: ${raw}`);
    return n;
  }
  if (typeof like === 'boolean')
    return raw === 'true' || raw === '1' || raw === '';
  return String(raw);
}

/** The usage text of a script: its first block comment. */
export function usageOf(scriptUrl) {
  const source = fs.readFileSync(fileURLToPath(scriptUrl), 'utf8');
  const comment = /\/\*([\s\S]*?)\*\//.exec(source)?.[1] ?? '';
  return comment
    .split('\n')
    .map(line => line.replace(/^ \* ?/, ''))
    .join('\n')
    .trim();
}
