// Generated hostile inputs for the route fuzzer: every payload here is invalid by construction,
// so any 2xx answer to a write, or any change to the database, is a bug.
import fc from 'fast-check';

/** Strings an attacker would try: injection, markup, NUL and control bytes, odd Unicode. */
export const hostileString = fc.oneof(
  fc.constantFrom(
    "' OR 1=1 --",
    "'; DROP TABLE submissions; --",
    '" OR ""="',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '{{constructor.constructor("alert(1)")()}}',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\uDFFF\uD800',
    '\u202Etxt.exe',
    '../../etc/passwd',
    '%00',
    '${jndi:ldap://x}',
    '　',
    '𠮷'.repeat(300),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ minLength: 70, maxLength: 300 }),
);

/** Numbers that break naive code: huge, tiny, negative zero, beyond 2^53. */
export const hostileNumberText = fc.constantFrom(
  '1e400',
  '-1e400',
  '9007199254740993',
  '-0',
  '1e-400',
  '123456789012345678901234567890',
);

/** A value of a type other than `type` (the OpenAPI type the route expects). */
export function wrongTyped(type: string | undefined): fc.Arbitrary<unknown> {
  const all: Record<string, fc.Arbitrary<unknown>> = {
    string: hostileString,
    number: fc.oneof(fc.integer(), fc.double({ noNaN: true })),
    boolean: fc.boolean(),
    array: fc.array(hostileString, { maxLength: 3 }),
    object: fc.dictionary(fc.string({ maxLength: 5 }), hostileString, { maxKeys: 3 }),
    null: fc.constant(null),
  };
  const others = Object.entries(all)
    .filter(([k]) => k !== type && !(type === 'integer' && k === 'number'))
    .map(([, a]) => a);
  return fc.oneof(...others);
}

export type Payload = { contentType: string; body: string | Uint8Array; kind: string };

const json = (kind: string) => (body: string) => ({ contentType: 'application/json', body, kind });

/** Payloads any route refuses before its handler runs (structure, encoding, size, type). */
export const structuralPayload: fc.Arbitrary<Payload> = fc.oneof(
  // malformed JSON
  fc
    .tuple(fc.jsonValue(), fc.constantFrom('', '}', ',', '"', 'garbage', '\u0000'))
    .map(([v, junk]) => JSON.stringify({ v }).slice(0, -1) + junk)
    .map(json('malformed')),
  // duplicate keys
  hostileString
    .map((v) => `{"title":${JSON.stringify(v)},"title":"x","zz":1}`)
    .map(json('duplicate-key')),
  // prototype pollution, at the top or nested
  fc
    .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.boolean(), hostileString)
    .map(([key, nested, v]) =>
      nested
        ? `{"definition":{"a":{"${key}":{"isAdmin":true}}},"x":${JSON.stringify(v)}}`
        : `{"${key}":{"isAdmin":true,"polluted":${JSON.stringify(v)}}}`,
    )
    .map(json('prototype-key')),
  // deeply nested
  fc
    .integer({ min: 33, max: 5000 })
    .map((d) => '['.repeat(d) + ']'.repeat(d))
    .map(json('deep')),
  fc
    .integer({ min: 33, max: 500 })
    .map((d) => '{"a":'.repeat(d) + '1' + '}'.repeat(d))
    .map(json('deep')),
  // invalid UTF-8
  fc
    .constantFrom(
      [0xff],
      [0xc3, 0x28],
      [0xe2, 0x82],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
    )
    .map((bytes) => ({
      contentType: 'application/json',
      body: new Uint8Array([...Buffer.from('{"title":"'), ...bytes, ...Buffer.from('"}')]),
      kind: 'invalid-utf8',
    })),
  // wrong content type
  fc
    .tuple(
      fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/jsonp',
      ),
      hostileString,
    )
    .map(([contentType, v]) => ({
      contentType,
      body: `title=${v}`,
      kind: 'content-type',
    })),
  // oversized
  fc.integer({ min: 257, max: 400 }).map((kb) => ({
    contentType: 'application/json',
    body: JSON.stringify({ body: 'x'.repeat(kb * 1024) }),
    kind: 'oversized',
  })),
);

type Schema = { type?: string; properties?: Record<string, Schema>; required?: string[] };

/** JSON bodies a route with a body schema must refuse: wrong types, unknown keys, not objects. */
export function semanticPayload(schema: Schema | undefined): fc.Arbitrary<Payload> {
  const props = Object.entries(schema?.properties ?? {});
  const wrong = props.length
    ? fc.record(Object.fromEntries(props.map(([k, p]) => [k, wrongTyped(p.type)])))
    : fc.constant({ zz_unknown: 1 });
  return fc.oneof(
    wrong.map((o) => JSON.stringify(o)).map(json('wrong-type')),
    fc
      .tuple(
        fc.dictionary(fc.constantFrom(...props.map(([k]) => k), 'x'), hostileString),
        hostileString,
      )
      .map(([o, v]) => JSON.stringify({ ...o, zz_unknown_field: v }))
      .map(json('unknown-key')),
    fc
      .oneof(fc.array(hostileString), hostileString, fc.integer(), fc.constant(null), fc.boolean())
      .map((v) => JSON.stringify(v))
      .map(json('not-an-object')),
    hostileNumberText.map((n) => `{"zz_unknown":${n}}`).map(json('huge-number')),
  );
}
