import fc from 'fast-check';

/** One edit of a text: what fuzzing does to a valid input to find the inputs nobody wrote a test for. */
export type TextMutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'swap'; at: number; length: number; to: number };

/** Fragments that trouble parsers: markup, entities, DTDs, control and non-BMP characters, numbers at the edges. */
export const NASTY_FRAGMENTS = [
  '<',
  '>',
  '</',
  '/>',
  '&',
  '&amp;',
  '&#0;',
  '&#x1F600;',
  '&bogus;',
  '"',
  "'",
  '<![CDATA[x]]>',
  '<!-- c -->',
  '<!DOCTYPE QBXML [<!ENTITY a "aaaaaaaaaa">]>',
  '<?xml version="1.0"?>',
  '<?qbxml version="13.0"?>',
  ' requestID="1"',
  ' onError="rollbackOnError"',
  ' iterator="Continue" iteratorID="{00000000-0000-0000-0000-000000000000}"',
  '\u0000',
  '\u0007',
  '\uFFFF',
  '\uD83D\uDE00',
  '\uD800',
  '-1',
  '0',
  '99999999999999999999',
  '1e309',
  'NaN',
  '2024-02-30',
  '9999-12-31T23:59:59+14:00',
  ' ',
  '\r\n',
] as const;

export function textMutationArbitrary(extraFragments: readonly string[] = []): fc.Arbitrary<TextMutation> {
  const at = fc.nat({ max: 4000 });
  const fragment = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...NASTY_FRAGMENTS, ...extraFragments) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  );
  return fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('insert' as const), at, text: fragment }),
    fc.record({ kind: fc.constant('duplicate' as const), at, length: fc.integer({ min: 1, max: 80 }) }),
    fc.record({ kind: fc.constant('swap' as const), at, length: fc.integer({ min: 1, max: 60 }), to: at }),
  );
}

/** Applies mutations in order (positions wrap around the text's length). */
export function mutateText(text: string, mutations: readonly TextMutation[]): string {
  let t = text;
  for (const m of mutations) {
    const at = t.length ? m.at % (t.length + 1) : 0;
    switch (m.kind) {
      case 'delete':
        t = t.slice(0, at) + t.slice(at + m.length);
        break;
      case 'insert':
        t = t.slice(0, at) + m.text + t.slice(at);
        break;
      case 'duplicate':
        t = t.slice(0, at + m.length) + t.slice(at, at + m.length) + t.slice(at + m.length);
        break;
      case 'swap': {
        const piece = t.slice(at, at + m.length);
        const rest = t.slice(0, at) + t.slice(at + m.length);
        const to = rest.length ? m.to % (rest.length + 1) : 0;
        t = rest.slice(0, to) + piece + rest.slice(to);
        break;
      }
    }
  }
  return t;
}

/** A valid seed text, or one mutated a few times. */
export function mutatedTextArbitrary(
  seeds: readonly string[],
  extraFragments: readonly string[] = [],
): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...seeds) },
    {
      weight: 6,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...seeds),
          fc.array(textMutationArbitrary(extraFragments), { minLength: 1, maxLength: 5 }),
        )
        .map(([seed, ms]) => mutateText(seed, ms)),
    },
  );
}
