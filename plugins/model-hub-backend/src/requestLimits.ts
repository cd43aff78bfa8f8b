import { InputError } from '@backstage/errors';

/*
 * Limits on request input that the OpenAPI contract cannot state, applied by
 * the router, and to the input of the registered actions, before the
 * services see a request.
 */

/** Far deeper than any request of the contract (a profile is a few levels). */
const MAX_BODY_DEPTH = 64;

/**
 * The most values (objects, arrays, strings, numbers...) a body may hold: far
 * more than a window of 50,000 rows of 20 columns (about 1.1 million), and a
 * bound on the time the walk below takes.
 */
export const MAX_BODY_VALUES = 3_000_000;

/**
 * Refuses, naming where, JSON the services cannot take although the contract
 * lets it through in free-form fields (signature, rows, entity): nesting
 * deeper than MAX_BODY_DEPTH, which recursive code such as the content hash
 * and JSON.stringify overflow the stack on; the NUL character, which
 * PostgreSQL cannot store in text while SQLite can, so it is refused on both;
 * and more than MAX_BODY_VALUES values. Runs after the contract's validation,
 * which refuses most bad bodies first. The walk allocates nothing per value
 * (two parallel stacks, keys read in place); where it finds a problem, a
 * second walk that keeps the path names where.
 */
export function assertUsableBody(body: unknown, root = 'body') {
  const values: unknown[] = [body];
  const depths: number[] = [0];
  let count = 0;
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (++count > MAX_BODY_VALUES) {
      throw new InputError(
        `${root}: holds more than ${MAX_BODY_VALUES} values, the most a request may hold`,
      );
    }
    if (typeof value === 'string') {
      if (value.includes('\u0000')) locateProblem(body, root);
    } else if (typeof value === 'object' && value !== null) {
      if (depth >= MAX_BODY_DEPTH) locateProblem(body, root);
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          values.push(value[i]);
          depths.push(depth + 1);
        }
      } else {
        for (const key in value) {
          if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
          if (key.includes('\u0000')) locateProblem(body, root);
          values.push((value as Record<string, unknown>)[key]);
          depths.push(depth + 1);
        }
      }
    }
  }
}

/**
 * Throws the error for the first problem of `body` (see assertUsableBody),
 * naming where it is: walks with its own stack, keeping each value's path,
 * as the body may be too deep for recursion. Only called once a problem is
 * known to be there.
 */
function locateProblem(body: unknown, root: string): never {
  type Node = { value: unknown; depth: number; key?: string; parent?: Node };
  const where = (node: Node) => {
    const keys: string[] = [];
    for (let n: Node | undefined = node; n?.key !== undefined; n = n.parent) {
      keys.unshift(n.key);
    }
    if (keys.length === 0) return root;
    return keys.length > 8
      ? `${keys.slice(0, 8).join('.')}...`
      : keys.join('.');
  };
  const stack: Node[] = [{ value: body, depth: 0 }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node.value === 'string') {
      if (node.value.includes('\u0000')) {
        throw new InputError(
          `${where(node)}: must not contain the NUL character (\\u0000)`,
        );
      }
    } else if (typeof node.value === 'object' && node.value !== null) {
      if (node.depth >= MAX_BODY_DEPTH) {
        throw new InputError(
          `${where(node)}: nested deeper than ${MAX_BODY_DEPTH} levels`,
        );
      }
      for (const [key, value] of Object.entries(node.value)) {
        const child = { value, depth: node.depth + 1, key, parent: node };
        if (key.includes('\u0000')) {
          const path = where(child);
          throw new InputError(
            `${path}: property names must not contain the NUL character (\\u0000)`,
          );
        }
        stack.push(child);
      }
    }
  }
  throw new InputError(`${root}: cannot be taken`);
}

/**
 * The largest whole-number query parameter taken (`offset` states it as its
 * `maximum` in openapi.yaml).
 */
export const MAX_QUERY_INTEGER = Number.MAX_SAFE_INTEGER;

/**
 * A whole-number query parameter. The validator has checked its range, but it
 * lets `Infinity` (also `1e400`) through, and numbers beyond 2^53 that the
 * database cannot take as an offset: both are refused here, naming the field.
 */
export function queryInteger(name: string, value: unknown, fallback: number) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    const max = MAX_QUERY_INTEGER;
    throw new InputError(
      `${name}: ${String(value)} is not a whole number of at most ${max}`,
    );
  }
  return n;
}
