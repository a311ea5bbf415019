// Where a JSON text goes wrong. JSON.parse says what is wrong, but on Node 20 often not where
// ("Unexpected token '}', ..."x": [ }" is not valid JSON"). This scanner finds the offset of the first
// syntax error, and notices nesting deeper than a topology ever needs. It is iterative: a hostile file of
// a hundred thousand '[' cannot overflow the stack.

export interface JsonScan {
  /** offset of the first error; text.length for a text that ends too early */
  offset: number;
  /** true when the error is nesting beyond `maxDepth`, not syntax */
  tooDeep: boolean;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LITERAL = /true|false|null/y;

/** End offset of the string starting at `i` (a '"'), or the negative (offset + 1) of its first error. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 34) return j + 1;
    if (c < 0x20) return -(j + 1);
    if (c === 92) {
      const e = text[j + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return -(j + 1);
        j += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) j++;
      else return -(j + 1);
    }
  }
  return -(text.length + 1);
}

function scalarEnd(text: string, i: number): number {
  if (text.charCodeAt(i) === 34) return stringEnd(text, i);
  for (const re of [NUMBER, LITERAL]) {
    re.lastIndex = i;
    if (re.test(text)) return re.lastIndex;
  }
  return -(i + 1);
}

/** The first problem in `text`, or undefined when it is well-formed JSON no deeper than `maxDepth`. */
export function scanJson(text: string, maxDepth = Infinity): JsonScan | undefined {
  const n = text.length;
  const stack: number[] = [];
  // states: 0 a value, 1 a value or ']', 2 a key or '}', 3 a key, 4 ':', 5 after a value
  let s = 0;
  let i = 0;
  const err = (offset: number, tooDeep = false): JsonScan => ({ offset, tooDeep });
  for (;;) {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      i++;
    }
    if (i >= n) return s === 5 && stack.length === 0 ? undefined : err(n);
    const c = text.charCodeAt(i);
    if (s === 0 || s === 1) {
      if (s === 1 && c === 93) {
        stack.pop();
        i++;
        s = 5;
      } else if (c === 123 || c === 91) {
        if (stack.length >= maxDepth) return err(i, true);
        stack.push(c);
        i++;
        s = c === 123 ? 2 : 1;
      } else {
        const end = scalarEnd(text, i);
        if (end < 0) return err(-end - 1);
        i = end;
        s = 5;
      }
    } else if (s === 2 || s === 3) {
      if (s === 2 && c === 125) {
        stack.pop();
        i++;
        s = 5;
      } else {
        if (c !== 34) return err(i);
        const end = stringEnd(text, i);
        if (end < 0) return err(-end - 1);
        i = end;
        s = 4;
      }
    } else if (s === 4) {
      if (c !== 58) return err(i);
      i++;
      s = 0;
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) return err(i);
      if (c === 44) {
        i++;
        s = top === 123 ? 3 : 0;
      } else if ((c === 125 && top === 123) || (c === 93 && top === 91)) {
        stack.pop();
        i++;
      } else return err(i);
    }
  }
}

/**
 * Positions in a JSON text without building a document: a 50 MB file with one mistake must not be parsed a
 * second time into a YAML tree (about 1.5 KB per node) just to say where the mistake is. Containers on a path
 * are indexed once (their members' offsets), so each later lookup costs only the size of the innermost value.
 */
export class JsonLocator {
  private readonly arrays = new Map<number, number[]>();
  private readonly objects = new Map<number, Map<string, [number, number]>>();

  constructor(private readonly text: string) {}

  private ws(i: number): number {
    const t = this.text;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      i++;
    }
    return i;
  }

  /** End of the value starting at `i` (after whitespace). */
  private skip(i: number): number {
    const t = this.text;
    let depth = 0;
    for (; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 34) {
        const end = stringEnd(t, i);
        if (end < 0) return t.length;
        i = end - 1;
        if (depth === 0) return end;
      } else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        depth--;
        if (depth <= 0) return i + 1;
      } else if (depth === 0 && (c === 44 || c === 32 || c === 9 || c === 10 || c === 13)) return i;
    }
    return i;
  }

  private arrayIndex(at: number): number[] {
    let items = this.arrays.get(at);
    if (items) return items;
    items = [];
    let i = this.ws(at + 1);
    while (i < this.text.length && this.text[i] !== ']') {
      items.push(i);
      i = this.ws(this.skip(i));
      if (this.text[i] === ',') i = this.ws(i + 1);
      else break;
    }
    this.arrays.set(at, items);
    return items;
  }

  private objectIndex(at: number): Map<string, [number, number]> {
    let members = this.objects.get(at);
    if (members) return members;
    members = new Map();
    let i = this.ws(at + 1);
    while (i < this.text.length && this.text[i] === '"') {
      const keyEnd = stringEnd(this.text, i);
      if (keyEnd < 0) break;
      let key: string;
      try {
        key = JSON.parse(this.text.slice(i, keyEnd)) as string;
      } catch {
        break;
      }
      let j = this.ws(keyEnd);
      if (this.text[j] !== ':') break;
      j = this.ws(j + 1);
      if (!members.has(key)) members.set(key, [i, j]);
      i = this.ws(this.skip(j));
      if (this.text[i] === ',') i = this.ws(i + 1);
      else break;
    }
    this.objects.set(at, members);
    return members;
  }

  /**
   * Offset of the value at `path` (of its key when `key` and the last step is a key), or of the deepest value on
   * the path that exists; undefined when the text is not a JSON container.
   */
  locate(path: readonly (string | number)[], key = false): number | undefined {
    let at = this.ws(0);
    if (this.text[at] !== '{' && this.text[at] !== '[') return undefined;
    let keyAt: number | undefined;
    for (const step of path) {
      keyAt = undefined;
      const c = this.text[at];
      if (c === '{' && typeof step === 'string') {
        const m = this.objectIndex(at).get(step);
        if (!m) break;
        [keyAt, at] = m;
      } else if (c === '[' && typeof step === 'number') {
        const items = this.arrayIndex(at);
        if (step >= items.length) break;
        at = items[step]!;
      } else break;
    }
    return key && keyAt !== undefined ? keyAt : at;
  }

  /** Start and end offsets of the value at `path`, if the whole path exists. */
  span(path: readonly (string | number)[]): [number, number] | undefined {
    let at = this.ws(0);
    for (const step of path) {
      const c = this.text[at];
      if (c === '{' && typeof step === 'string') {
        const m = this.objectIndex(at).get(step);
        if (!m) return undefined;
        at = m[1];
      } else if (c === '[' && typeof step === 'number') {
        const items = this.arrayIndex(at);
        if (step >= items.length) return undefined;
        at = items[step]!;
      } else return undefined;
    }
    return [at, this.skip(at)];
  }
}

export interface JsonCounts {
  /** an upper bound on the values: one, plus every ',' and ':' (inside strings too, as the generator's estimate counts) */
  values: number;
  /** objects and lists: '{' and '[' outside strings */
  collections: number;
  /** members as written: ':' outside strings, one per key */
  keys: number;
  /** the deepest nesting of objects and lists */
  depth: number;
}

/**
 * Everything the loader needs to know about a JSON text before and after JSON.parse, in one linear pass without
 * allocation: its values and collections against the limits, its keys (more keys written than parsed means one was
 * repeated) and its depth. Stops counting past either limit. On text that is not well-formed the figures are
 * estimates; JSON.parse rejects such text anyway. It reads the UTF-8 bytes, not the decoded string (two to three
 * times faster): every character it looks at is ASCII, and no byte of a multi-byte UTF-8 character is.
 */
export function countJson(text: Uint8Array, stopValues = Infinity, stopCollections = Infinity): JsonCounts {
  let values = 1;
  let collections = 0;
  let keys = 0;
  let depth = 0;
  let deepest = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i];
    if (c === 34) {
      // a string ends at the next '"' not escaped by a backslash
      for (i++; i < n; i++) {
        const d = text[i];
        if (d === 34) break;
        if (d === 92) i++;
        else if (d === 44 || d === 58) values++;
      }
    } else if (c === 44) values++;
    else if (c === 58) {
      values++;
      keys++;
    } else if (c === 123 || c === 91) {
      collections++;
      if (++depth > deepest) deepest = depth;
    } else if (c === 125 || c === 93) depth--;
    else continue;
    if (values > stopValues || collections > stopCollections) break;
  }
  return { values, collections, keys, depth: deepest };
}

export interface DuplicateKey {
  key: string;
  /** offset of the repeated key (its opening quote) */
  offset: number;
}

/**
 * Keys written twice in one object of a well-formed JSON text (JSON.parse keeps the last silently), in text order,
 * at most `limit` of them. Iterative, so nesting depth cannot overflow the stack.
 */
export function findDuplicateKeys(text: string, limit = 100): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  // one entry per open container: the keys seen so far for an object, null for an array
  const stack: (Set<string> | null)[] = [];
  // true when the next string in the current object is a key
  let expectKey = false;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c === 123) {
      stack.push(new Set());
      expectKey = true;
    } else if (c === 91) {
      stack.push(null);
      expectKey = false;
    } else if (c === 125 || c === 93) {
      stack.pop();
      expectKey = false;
    } else if (c === 44) {
      expectKey = stack.length > 0 && stack[stack.length - 1] !== null;
    } else if (c === 34) {
      const end = stringEnd(text, i);
      if (end < 0) return out;
      if (expectKey) {
        const raw = text.slice(i + 1, end - 1);
        let key = raw;
        if (raw.includes('\\')) {
          try {
            key = JSON.parse(text.slice(i, end)) as string;
          } catch {
            /* keep the raw text */
          }
        }
        const keys = stack[stack.length - 1]!;
        if (keys.has(key)) {
          out.push({ key, offset: i });
          if (out.length >= limit) return out;
        } else keys.add(key);
        expectKey = false;
      }
      i = end - 1;
    }
  }
  return out;
}
