import { canonicalJson, contentHash } from './contentHash';

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves undefined members out', () => {
    expect(
      canonicalJson({ b: 1, a: { d: [{ y: 2, x: 1 }], c: undefined } }),
    ).toBe('{"a":{"d":[{"x":1,"y":2}]},"b":1}');
  });

  it('keeps array order and plain values', () => {
    expect(canonicalJson([3, 'a', null, true])).toBe('[3,"a",null,true]');
    expect(canonicalJson('x')).toBe('"x"');
  });
});

describe('contentHash', () => {
  it('is the same for equal content in any key order', () => {
    const hash = contentHash({ version: '1', metrics: [{ name: 'r', v: 1 }] });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash({ metrics: [{ v: 1, name: 'r' }], version: '1' })).toBe(
      hash,
    );
    expect(
      contentHash({ version: '1', metrics: [{ name: 'r', v: 2 }] }),
    ).not.toBe(hash);
  });
});
