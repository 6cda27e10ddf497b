import type { ElementDecl, Particle } from './schema-model.js';

/**
 * A content model compiled into an automaton over child element names: the Glushkov automaton of the particle tree
 * (occurrence bounds unrolled, `unbounded` as a loop), determinized lazily — a state's transitions are computed the
 * first time a document reaches it, then cached. qbXML's models are deterministic (Unique Particle Attribution), so a
 * state is usually one position; the subset construction makes the few ambiguous ones (the `QBXML` root's choice of two
 * all-optional sequences) exact as well, with no backtracking and no false negatives.
 */
export class ContentAutomaton {
  readonly start: AutomatonState;
  /** Element names of the model, first occurrence in schema order. */
  readonly names: readonly string[];
  private readonly nameSet: ReadonlySet<string>;
  private readonly states = new Map<string, AutomatonState>();

  constructor(private readonly glushkov: Glushkov) {
    const names: string[] = [];
    const seen = new Set<string>();
    for (const p of [...glushkov.positions].sort((a, b) => a.order - b.order)) {
      if (!seen.has(p.decl.name)) {
        seen.add(p.decl.name);
        names.push(p.decl.name);
      }
    }
    this.names = names;
    this.nameSet = seen;
    this.start = new AutomatonState(this, glushkov.first, glushkov.nullable);
  }

  /** Compiles a particle (undefined = empty content). */
  static compile(particle: Particle | undefined): ContentAutomaton {
    return new ContentAutomaton(buildGlushkov(particle));
  }

  /** True when the name occurs anywhere in the model. */
  mentions(name: string): boolean {
    return this.nameSet.has(name);
  }

  /** The state reached from `positions` (a sorted, de-duplicated list of position ids). */
  stateFor(positions: readonly number[]): AutomatonState {
    const key = positions.join(',');
    let state = this.states.get(key);
    if (!state) {
      const follow = new Set<number>();
      let accepting = false;
      for (const p of positions) {
        for (const f of this.glushkov.follow[p]!) follow.add(f);
        if (this.glushkov.last.has(p)) accepting = true;
      }
      state = new AutomatonState(this, follow, accepting);
      this.states.set(key, state);
    }
    return state;
  }

  position(id: number): Position {
    return this.glushkov.positions[id]!;
  }
}

/** One DFA state: the Glushkov positions that may come next, grouped by element name on first use. */
export class AutomatonState {
  private transitions: Map<string, Transition> | undefined;
  private expectedNames: readonly string[] | undefined;

  constructor(
    private readonly automaton: ContentAutomaton,
    private readonly next: ReadonlySet<number>,
    /** The children seen so far form a complete content. */
    readonly accepting: boolean,
  ) {}

  /** Where a child of that name leads, or undefined when it is not allowed here. */
  step(name: string): Transition | undefined {
    return (this.transitions ??= this.build()).get(name);
  }

  /** The names allowed next, in schema order. */
  expected(): readonly string[] {
    if (!this.expectedNames) {
      const positions = [...this.next].map((id) => this.automaton.position(id)).sort((a, b) => a.order - b.order);
      this.expectedNames = [...new Set(positions.map((p) => p.decl.name))];
    }
    return this.expectedNames;
  }

  private build(): Map<string, Transition> {
    const byName = new Map<string, { decl: ElementDecl; order: number; ids: number[] }>();
    for (const id of this.next) {
      const p = this.automaton.position(id);
      const entry = byName.get(p.decl.name);
      if (!entry) byName.set(p.decl.name, { decl: p.decl, order: p.order, ids: [id] });
      else {
        entry.ids.push(id);
        // Same name in two places of one model: XSD requires the same type (Element Declarations Consistent);
        // keep the first in schema order.
        if (p.order < entry.order) Object.assign(entry, { decl: p.decl, order: p.order });
      }
    }
    const transitions = new Map<string, Transition>();
    for (const [name, entry] of byName) {
      const ids = entry.ids.sort((a, b) => a - b);
      // The target state is built lazily too: a transition only remembers its position set until followed.
      transitions.set(name, new Transition(this.automaton, entry.decl, ids));
    }
    return transitions;
  }
}

/** An edge of the DFA: the declaration that types the child, and the state after it. */
export class Transition {
  private target: AutomatonState | undefined;

  constructor(
    private readonly automaton: ContentAutomaton,
    readonly decl: ElementDecl,
    private readonly positions: readonly number[],
  ) {}

  get state(): AutomatonState {
    return (this.target ??= this.automaton.stateFor(this.positions));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Glushkov construction.

interface Position {
  readonly id: number;
  readonly decl: ElementDecl;
  /** Index of the originating element particle in a depth-first walk of the model (schema order). */
  readonly order: number;
}

interface Glushkov {
  readonly positions: readonly Position[];
  readonly first: ReadonlySet<number>;
  readonly last: ReadonlySet<number>;
  readonly nullable: boolean;
  readonly follow: readonly Set<number>[];
}

interface Fragment {
  nullable: boolean;
  first: Set<number>;
  last: Set<number>;
}

/** Unrolling limit for finite maxOccurs (qbXML's largest is 50). */
const MAX_UNROLL = 1000;

function buildGlushkov(particle: Particle | undefined): Glushkov {
  const positions: Position[] = [];
  const follow: Set<number>[] = [];
  const orders = new Map<Particle, number>();
  let nextOrder = 0;
  const number = (p: Particle): void => {
    if (p.kind === 'element') orders.set(p, nextOrder++);
    else p.items.forEach(number);
  };
  if (particle) number(particle);

  const addFollow = (from: ReadonlySet<number>, to: ReadonlySet<number>): void => {
    for (const f of from) for (const t of to) follow[f]!.add(t);
  };
  const empty = (): Fragment => ({ nullable: true, first: new Set(), last: new Set() });

  // One copy of the particle's term (ignoring its occurrence bounds), with fresh positions.
  const term = (p: Particle): Fragment => {
    if (p.kind === 'element') {
      const id = positions.length;
      positions.push({ id, decl: p.decl, order: orders.get(p)! });
      follow.push(new Set());
      return { nullable: false, first: new Set([id]), last: new Set([id]) };
    }
    if (p.kind === 'choice') {
      const result: Fragment = { nullable: p.items.length === 0, first: new Set(), last: new Set() };
      for (const item of p.items) {
        const f = particleFragment(item);
        if (f.nullable) result.nullable = true;
        for (const x of f.first) result.first.add(x);
        for (const x of f.last) result.last.add(x);
      }
      return result;
    }
    return sequence(p.items.map((item) => () => particleFragment(item)));
  };

  const sequence = (parts: readonly (() => Fragment)[]): Fragment => {
    const result = empty();
    for (const part of parts) {
      const f = part();
      addFollow(result.last, f.first);
      if (result.nullable) for (const x of f.first) result.first.add(x);
      result.last = f.nullable ? new Set([...result.last, ...f.last]) : f.last;
      result.nullable &&= f.nullable;
    }
    return result;
  };

  const optional = (f: Fragment): Fragment => ({ ...f, nullable: true });
  const loop = (f: Fragment): Fragment => {
    addFollow(f.last, f.first);
    return f;
  };

  // A particle with its occurrence bounds: min copies, then (max - min) nested optional copies, or a loop.
  const particleFragment = (p: Particle): Fragment => {
    const { min, max } = p;
    if (max === 0) return empty();
    if (max !== Infinity && max > MAX_UNROLL) {
      throw new Error(`maxOccurs ${max} is larger than this compiler unrolls (${MAX_UNROLL})`);
    }
    const parts: (() => Fragment)[] = [];
    const required = max === Infinity ? Math.max(min - 1, 0) : min;
    for (let i = 0; i < required; i++) parts.push(() => term(p));
    if (max === Infinity) {
      parts.push(() => (min === 0 ? optional(loop(term(p))) : loop(term(p))));
    } else if (max > min) {
      const nested = (remaining: number): Fragment =>
        optional(remaining === 1 ? term(p) : sequence([() => term(p), () => nested(remaining - 1)]));
      parts.push(() => nested(max - min));
    }
    return parts.length === 1 ? parts[0]!() : sequence(parts);
  };

  const root = particle ? particleFragment(particle) : empty();
  return { positions, first: root.first, last: root.last, nullable: root.nullable, follow };
}
