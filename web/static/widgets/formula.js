// Formulas in x for <gonn-train-chart fn="…">, read without eval (the
// site's Content-Security-Policy forbids it): a small recursive-descent
// parser that compiles the text to a function of x.
//
//   const f = parseFormula('sin(3*x) + 0.5*x^2');  f(0.5) === Math.sin(1.5) + 0.125
//
// Grammar: numbers, x, pi, e, + - * / ^ (right-associative, above unary
// minus: -x^2 is -(x^2)), parentheses, and the functions sin cos tan tanh
// exp log sqrt abs sign relu sigmoid. Errors name what and where.

const functions = {
  sin: Math.sin, cos: Math.cos, tan: Math.tan, tanh: Math.tanh, exp: Math.exp, log: Math.log,
  sqrt: Math.sqrt, abs: Math.abs, sign: Math.sign,
  relu: (v) => Math.max(0, v),
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
};
const constants = {pi: Math.PI, e: Math.E};

/** Compiles text to a function of x; throws an Error naming the problem and its position. */
export function parseFormula(text) {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  const fail = (msg) => {
    throw new Error(`fn="${text}": ${msg} at character ${(peek()?.pos ?? text.length) + 1}`);
  };
  const expect = (v) => {
    if (peek()?.v !== v) fail(`expected "${v}"`);
    i++;
  };

  // sum := product (("+" | "-") product)*
  function sum() {
    let f = product();
    while (peek()?.v === '+' || peek()?.v === '-') {
      const op = tokens[i++].v;
      const a = f, b = product();
      f = op === '+' ? (x) => a(x) + b(x) : (x) => a(x) - b(x);
    }
    return f;
  }
  // product := unary (("*" | "/") unary)*
  function product() {
    let f = unary();
    while (peek()?.v === '*' || peek()?.v === '/') {
      const op = tokens[i++].v;
      const a = f, b = unary();
      f = op === '*' ? (x) => a(x) * b(x) : (x) => a(x) / b(x);
    }
    return f;
  }
  // unary := ("-" | "+") unary | power
  function unary() {
    if (peek()?.v === '-') {
      i++;
      const a = unary();
      return (x) => -a(x);
    }
    if (peek()?.v === '+') {
      i++;
      return unary();
    }
    return power();
  }
  // power := atom ("^" unary)?
  function power() {
    const a = atom();
    if (peek()?.v !== '^') return a;
    i++;
    const b = unary();
    return (x) => a(x) ** b(x);
  }
  // atom := number | x | constant | function "(" sum ")" | "(" sum ")"
  function atom() {
    const t = peek();
    if (!t) fail('the formula ends too early');
    i++;
    if (t.kind === 'num') return () => t.v;
    if (t.v === '(') {
      const f = sum();
      expect(')');
      return f;
    }
    if (t.kind === 'name') {
      if (t.v === 'x') return (x) => x;
      if (t.v in constants) return () => constants[t.v];
      if (t.v in functions) {
        const fn = functions[t.v];
        expect('(');
        const a = sum();
        expect(')');
        return (x) => fn(a(x));
      }
      i--;
      fail(`unknown name "${t.v}" (x, pi, e, ${Object.keys(functions).join(', ')})`);
    }
    i--;
    fail(`unexpected "${t.v}"`);
  }

  if (tokens.length === 0) fail('empty formula');
  const f = sum();
  if (i < tokens.length) fail(`unexpected "${peek().v}"`);
  return f;
}

function tokenize(text) {
  const out = [];
  const re = /\s*(?:(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|([A-Za-z_]\w*)|([-+*/^()]))/y;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) throw new Error(`fn="${text}": unexpected "${text.slice(pos).trim()[0]}" at character ${pos + 1 + (text.slice(pos).length - text.slice(pos).trimStart().length)}`);
    const at = m.index + m[0].length - (m[1] ?? m[2] ?? m[3]).length;
    if (m[1] !== undefined) out.push({kind: 'num', v: Number(m[1]), pos: at});
    else if (m[2] !== undefined) out.push({kind: 'name', v: m[2], pos: at});
    else out.push({kind: 'op', v: m[3], pos: at});
    pos = re.lastIndex;
  }
  return out;
}
