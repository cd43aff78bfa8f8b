/*
 * Jest runs the tests in a VM context, but Node's fetch comes from outside
 * it: `response.json()` builds objects whose prototype is the outer
 * Object.prototype. The scaffolder's template engine (nunjitsu) refuses such
 * objects ("Only plain records can be used as template values"), so action
 * outputs read from Model Hub over HTTP would fail in tests only. Parsing
 * the text inside the test context gives plain records, as in production.
 */
Response.prototype.json = async function json(this: Response) {
  return JSON.parse(await this.text());
};

export {};
