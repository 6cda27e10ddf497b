// The fuzzers' XSD check. Validating every answer against Intuit's XSD would cost 0.5 ms each (libxml2 in wasm, in
// batches), so each run keeps one answer per *shape* (the answer with its text and attribute values blanked: the
// element structure and attribute names, which is what the XSD constrains) and validates those after the run. An
// answer that does not validate is a failure: fast-check replays the run that produced it (seed and path) and shrinks
// it with the XSD in the loop, and the message prints the shrunk input.
import fc from 'fast-check';
import { validateQbxmlDocuments, validateQbxmlResponse } from '../../support/xsd-validate-response.js';

/** The answer's shape: element names and attribute names in order, with every value and text blanked. */
export function qbxmlShape(xml: string): string {
  return xml.replace(/="[^"]*"/g, '=""').replace(/>[^<]+</g, '><');
}

interface Sampled<T> {
  response: string;
  input: T;
  /** The index of the fast-check run that produced it (its replay path). */
  run: number;
}

/** One answer per shape (up to `max`), with the input and run that produced it. */
export class XsdSample<T> {
  readonly #byShape = new Map<string, Sampled<T>>();
  constructor(readonly max = 2_000) {}

  get size(): number {
    return this.#byShape.size;
  }

  offer(response: string, input: T, run: number): void {
    if (this.#byShape.size >= this.max) return;
    const shape = qbxmlShape(response);
    if (!this.#byShape.has(shape)) this.#byShape.set(shape, { response, input, run });
  }

  /** Validates the sample; the answers that fail, with libxml2's errors. */
  async invalid(): Promise<(Sampled<T> & { errors: string[] })[]> {
    const sampled = [...this.#byShape.values()];
    const results = await validateQbxmlDocuments(sampled.map((s) => s.response));
    return sampled.flatMap((s, i) => (results[i]!.ok ? [] : [{ ...s, errors: results[i]!.errors }]));
  }
}

/** The run's settings fast-check needs to replay one of its runs. */
export interface ReplaySettings {
  seed: number;
  path?: string;
}

/**
 * Throws when the sample holds an answer that does not validate: replays the first such run (the `run` index under
 * the same seed), shrinks it with `answer` + the XSD as the predicate, and prints the shrunk input, libxml2's errors
 * and the answer. `answer` gives the qbXML answer of an input (or undefined when there is none).
 */
export async function assertSampleValid<T>(
  what: string,
  sample: XsdSample<T>,
  arbitrary: fc.Arbitrary<T>,
  settings: ReplaySettings,
  answer: (input: T) => string | undefined | Promise<string | undefined>,
  show: (input: T) => string = (input) => JSON.stringify(input),
): Promise<void> {
  const invalid = await sample.invalid();
  if (invalid.length === 0) return;
  const first = invalid[0]!;
  // Replay only when the run was the property's own (a replay of a given path restarts counting under that path).
  const shrunk =
    settings.path === undefined
      ? await fc.check(
          fc.asyncProperty(arbitrary, async (input) => {
            const response = await answer(input);
            return response === undefined || (await validateQbxmlResponse(response)).ok;
          }),
          { seed: settings.seed, path: String(first.run), interruptAfterTimeLimit: 30_000 },
        )
      : undefined;
  const input = shrunk?.failed ? shrunk.counterexample![0] : first.input;
  const response = shrunk?.failed ? ((await answer(input)) ?? first.response) : first.response;
  const errors = shrunk?.failed ? (await validateQbxmlResponse(response)).errors : first.errors;
  throw new Error(
    `${what}: ${invalid.length} answer shape(s) of ${sample.size} do not validate against the qbXML 13.0 XSD.\n` +
      `${shrunk?.failed ? 'Shrunk input' : 'Input (the replay did not reproduce it; not shrunk)'}: ${show(input)}\n` +
      `Seed ${settings.seed}, run ${first.run}. libxml2: ${errors.slice(0, 5).join('; ')}\n` +
      `Answer: ${response.slice(0, 1_500)}`,
  );
}
