import { assertUsableBody, MAX_BODY_VALUES } from './requestLimits';

describe('assertUsableBody', () => {
  it('names where a NUL character is, in a value or a property name', () => {
    expect(() => assertUsableBody({ a: { b: ['x', 'y\u0000'] } })).toThrow(
      'a.b.1: must not contain the NUL character (\\u0000)',
    );
    expect(() => assertUsableBody({ rows: [{ 'in\u0000come': 1 }] })).toThrow(
      'rows.0.in\u0000come: property names must not contain the NUL character (\\u0000)',
    );
  });

  it('refuses nesting deeper than it can take, naming where', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = { d: deep };
    expect(() => assertUsableBody({ signature: deep })).toThrow(
      /^signature\.d\.d\.d\.d\.d\.d\.d\.\.\.: nested deeper than 64 levels$/,
    );
  });

  it('stops at the most values a request may hold, naming the cap', () => {
    const zeros = new Array(MAX_BODY_VALUES).fill(0);
    // The array itself and its values: one over the cap.
    expect(() => assertUsableBody(zeros)).toThrow(
      `body: holds more than ${MAX_BODY_VALUES} values, the most a request may hold`,
    );
    expect(() => assertUsableBody(zeros.slice(1))).not.toThrow();
  });
});
