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
