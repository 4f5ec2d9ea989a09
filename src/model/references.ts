// Referential integrity of a model file: entities point at each other by key, and zod only
// checks each entity on its own. `findModelErrors` checks the model as a whole (duplicate keys,
// dangling references, duplicate assignments, scope version numbering) and reports every
// problem with a JSON-path-like location and a message that says how to fix it. Pure: no I/O.
import type { ModelFile } from './schema.js';

export interface ModelError {
  /** Where the problem is, e.g. `people[3].competences[0].competence`. */
  path: string;
  /** What is wrong and how to fix it. */
  message: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Turn a path (e.g. a zod issue path) into `people[3].competences[0].level` notation.
 * Numbers become `[n]`; identifier-like strings become `.name`; other strings are quoted as
 * `["odd key"]`. An empty path gives the empty string.
 */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'symbol') out += `[${seg.toString()}]`;
    else if (IDENTIFIER.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** The collections whose entries have a `key` and can be referred to. */
type Collection = 'competences' | 'activities' | 'aiSystems' | 'people' | 'tools' | 'budgetLines' | 'thirdParties';

/** Singular noun used in messages ("unknown person ..."). */
const NOUN: Record<Collection, string> = {
  competences: 'competence',
  activities: 'activity',
  aiSystems: 'AI system',
  people: 'person',
  tools: 'tool',
  budgetLines: 'budget line',
  thirdParties: 'third party',
};

/** Which collection a budget line's `funds` entry of each kind refers to. */
export const FUNDS_KIND_COLLECTION = {
  tool: 'tools',
  'third-party': 'thirdParties',
  activity: 'activities',
  person: 'people',
} as const satisfies Record<string, Collection>;

/**
 * The key a budget line `funds` entry refers to. The canonical form of `ref` is the bare key
 * (`model-inventory`); the prefixed form `<collection>/<key>` (`tools/model-inventory`) is
 * accepted too. Returns null for kind `other`, which refers to nothing in the model.
 */
export function fundsRefKey(kind: string, ref: string): string | null {
  if (!(kind in FUNDS_KIND_COLLECTION)) return null;
  const collection = FUNDS_KIND_COLLECTION[kind as keyof typeof FUNDS_KIND_COLLECTION];
  const prefix = `${collection}/`;
  const trimmed = ref.trim();
  return trimmed.startsWith(prefix) ? trimmed.slice(prefix.length) : trimmed;
}

const SUGGESTIONS = 5;

/** Levenshtein distance, for ordering suggestions. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[b.length]!;
}

function suggestionList(value: string, known: readonly string[]): string {
  const ranked = [...new Set(known)]
    .map((k) => ({ k, d: distance(value, k) }))
    .sort((x, y) => x.d - y.d || (x.k < y.k ? -1 : x.k > y.k ? 1 : 0))
    .map((x) => x.k);
  const shown = ranked.slice(0, SUGGESTIONS).join(', ');
  return ranked.length > SUGGESTIONS ? `${shown} (${ranked.length} in all)` : shown;
}

function unknownMessage(collection: Collection, value: string, known: readonly string[]): string {
  const noun = NOUN[collection];
  if (known.length === 0) return `unknown ${noun} "${value}"; ${collection} is empty — add "${value}" to ${collection} first`;
  return `unknown ${noun} "${value}"; add it to ${collection} or use one of: ${suggestionList(value, known)}`;
}

/** Every referential-integrity problem in the model, in document order. Empty when clean. */
export function findModelErrors(model: ModelFile): ModelError[] {
  const errors: ModelError[] = [];
  const add = (segments: readonly PropertyKey[], message: string): void => {
    errors.push({ path: formatPath(segments), message });
  };

  // Known keys per collection (first occurrence wins), for reference checks and duplicates.
  const collections: Record<Collection, readonly { key: string }[]> = {
    competences: model.competences,
    activities: model.activities,
    aiSystems: model.aiSystems,
    people: model.people,
    tools: model.tools,
    budgetLines: model.budgetLines,
    thirdParties: model.thirdParties,
  };
  const firstAt = {} as Record<Collection, Map<string, number>>;
  const known = {} as Record<Collection, string[]>;
  for (const [collection, items] of Object.entries(collections) as [Collection, readonly { key: string }[]][]) {
    const map = new Map<string, number>();
    items.forEach((item, i) => {
      if (!map.has(item.key)) map.set(item.key, i);
    });
    firstAt[collection] = map;
    known[collection] = [...map.keys()];
  }

  const unique = (collection: Collection, i: number, key: string): void => {
    const first = firstAt[collection].get(key);
    if (first !== undefined && first !== i)
      add(
        [collection, i, 'key'],
        `duplicate ${NOUN[collection]} key "${key}" (already used by ${collection}[${first}]); keys must be unique within ${collection} — rename or remove one of them`,
      );
  };
  const ref = (segments: readonly PropertyKey[], collection: Collection, value: string | null | undefined): void => {
    if (value === null || value === undefined) return;
    if (!firstAt[collection].has(value)) add(segments, unknownMessage(collection, value, known[collection]));
  };

  // Scope versions are numbered 1..n in order.
  model.scope.forEach((s, i) => {
    if (s.version !== i + 1)
      add(
        ['scope', i, 'version'],
        `scope versions must be numbered 1..n in order; expected version ${i + 1} here but found ${s.version} — renumber the scope versions`,
      );
  });

  model.competences.forEach((c, i) => unique('competences', i, c.key));

  // Activities → competences, tools.
  model.activities.forEach((a, i) => {
    unique('activities', i, a.key);
    a.competences.forEach((c, j) => ref(['activities', i, 'competences', j, 'competence'], 'competences', c.competence));
    a.tools.forEach((t, j) => ref(['activities', i, 'tools', j], 'tools', t));
  });

  // AI systems → people (owner, builders), third parties.
  model.aiSystems.forEach((s, i) => {
    unique('aiSystems', i, s.key);
    ref(['aiSystems', i, 'owner'], 'people', s.owner);
    s.builders.forEach((b, j) => ref(['aiSystems', i, 'builders', j], 'people', b));
    s.thirdParties.forEach((t, j) => ref(['aiSystems', i, 'thirdParties', j], 'thirdParties', t));
  });

  // People → competences.
  model.people.forEach((p, i) => {
    unique('people', i, p.key);
    p.competences.forEach((c, j) => ref(['people', i, 'competences', j, 'competence'], 'competences', c.competence));
  });

  // Assignments → activity, person; no duplicate activity + person + RACI.
  const seen = new Map<string, number>();
  model.assignments.forEach((a, i) => {
    ref(['assignments', i, 'activity'], 'activities', a.activity);
    ref(['assignments', i, 'person'], 'people', a.person);
    const id = JSON.stringify([a.activity, a.person, a.raci]);
    const first = seen.get(id);
    if (first !== undefined)
      add(
        ['assignments', i],
        `duplicate assignment: "${a.person}" is already ${a.raci} on "${a.activity}" at assignments[${first}]; merge the two rows into one (combined hoursPerWeek and backup flag)`,
      );
    else seen.set(id, i);
  });

  // Tools → activities, access persons, owner, budget line.
  model.tools.forEach((t, i) => {
    unique('tools', i, t.key);
    t.activities.forEach((a, j) => ref(['tools', i, 'activities', j], 'activities', a));
    t.access.forEach((row, j) => ref(['tools', i, 'access', j, 'person'], 'people', row.person));
    ref(['tools', i, 'owner'], 'people', t.owner);
    ref(['tools', i, 'budgetLine'], 'budgetLines', t.budgetLine);
  });

  // Budget lines → what they fund.
  model.budgetLines.forEach((b, i) => {
    unique('budgetLines', i, b.key);
    b.funds.forEach((f, j) => {
      const key = fundsRefKey(f.kind, f.ref);
      if (key === null) return;
      const collection = FUNDS_KIND_COLLECTION[f.kind as keyof typeof FUNDS_KIND_COLLECTION];
      if (key === '')
        add(
          ['budgetLines', i, 'funds', j, 'ref'],
          `a funds entry of kind "${f.kind}" needs the key of a ${NOUN[collection]} in ref; fill it in or change kind to "other"`,
        );
      else ref(['budgetLines', i, 'funds', j, 'ref'], collection, key);
    });
  });

  // Third parties → AI systems, activities, owner.
  model.thirdParties.forEach((t, i) => {
    unique('thirdParties', i, t.key);
    t.aiSystems.forEach((s, j) => ref(['thirdParties', i, 'aiSystems', j], 'aiSystems', s));
    t.activities.forEach((a, j) => ref(['thirdParties', i, 'activities', j], 'activities', a));
    ref(['thirdParties', i, 'owner'], 'people', t.owner);
  });

  return errors;
}
