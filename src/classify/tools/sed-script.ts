// A small reader of sed scripts for what they do besides editing text: `w file` / `W file` and the
// `s///w file` flag write files; `e cmd` and the `s///e` flag run shell commands. Addresses, text
// commands and labels are skipped by sed's own rules so `s/w/x/` is not mistaken for a write.
export type SedEffects = { writes: string[]; execs: string[]; execDynamic: boolean };

export function scanSed(script: string): SedEffects {
  const fx: SedEffects = { writes: [], execs: [], execDynamic: false };
  const n = script.length;
  let i = 0;
  const restOfLine = (): string => {
    const end = script.indexOf('\n', i);
    const s = script.slice(i, end < 0 ? n : end).trim();
    i = end < 0 ? n : end + 1;
    return s;
  };
  // Skip a delimited part (regex or replacement); returns false when it never closes.
  const part = (delim: string): boolean => {
    while (i < n && script[i] !== delim) {
      if (script[i] === '\\') i++;
      else if (script[i] === '\n' && delim !== '\n') return false;
      i++;
    }
    i++;
    return i <= n;
  };
  while (i < n) {
    const c = script[i]!;
    if (/[\s;{}!,0-9$~+]/.test(c)) {
      i++;
      continue;
    }
    if (c === '/' || c === '\\') {
      // An address regex: /re/ or \cREc.
      const delim = c === '\\' ? script[++i] ?? '/' : '/';
      i++;
      if (!part(delim)) return fx;
      while (script[i] === 'I' || script[i] === 'M') i++;
      continue;
    }
    i++;
    if (c === 's' || c === 'y') {
      const delim = script[i++] ?? '/';
      if (!part(delim) || !part(delim)) return fx;
      if (c === 'y') continue;
      // Flags up to the end of the command.
      while (i < n && /[gpiImMe0-9]/.test(script[i]!)) {
        if (script[i] === 'e') fx.execDynamic = true; // runs the pattern space, built at run time
        i++;
      }
      if (script[i] === 'w') {
        i++;
        fx.writes.push(restOfLine());
      }
      continue;
    }
    if (c === 'w' || c === 'W') fx.writes.push(restOfLine());
    else if (c === 'e') {
      const cmd = restOfLine();
      if (cmd === '') fx.execDynamic = true;
      else fx.execs.push(cmd);
    } else if (':btT'.includes(c)) {
      // A label ends at ";" as well as at the end of the line.
      while (i < n && script[i] !== ';' && script[i] !== '\n') i++;
    } else if ('aicrRvlqQ#'.includes(c)) restOfLine();
  }
  return fx;
}
