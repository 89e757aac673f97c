// What an interpreter one-liner does, found lexically: file deletion, shell/subprocess calls
// (their command text is classified as shell), SQL strings (classified as SQL) and dynamic code
// evaluation. A call whose argument is not a literal cannot be judged and is unknown.
import type { Finding } from '../../core/index.js';
import { classifySql } from '../sql/index.js';
import { classifyPath, isSystemWide } from '../tools/paths.js';
import { dispatch } from './command.js';
import { mask, readArgs, type Arg, type Lang } from './code-lex.js';
import { nestedReport, reparse } from './nested.js';
import { add, Bail, MAX_NESTING, tick, type State } from './state.js';
import { snippet } from './words.js';
import { judgeTarget } from './redirects.js';

type Family = 'delete' | 'delete-tree' | 'exec' | 'sql' | 'sql-maybe' | 'eval' | 'api-destroy' | 'write';

// Each pattern ends right where the call's arguments begin.
const PATTERNS: Record<Lang, readonly [RegExp, Family][]> = {
  python: [
    [/\b(?:shutil\.rmtree|rmtree)\s*(?=\()/g, 'delete-tree'],
    // os.remove(p), __import__('os').remove(p), `from os import remove` then remove(p); not list.remove.
    [/(?:\bos\.|\)\s*\.\s*|(?<![.\w]))(?:remove|unlink|rmdir|removedirs)\s*(?=\()/g, 'delete'],
    [/\.(?:unlink|rmdir)\s*\(\s*\)/g, 'delete'],
    [/(?:\b\w+\.|\)\s*\.\s*|(?<![.\w]))(?:system|popen|exec[lv]p?e?|spawn[lv]p?e?|check_call|check_output|Popen|getoutput|getstatusoutput)\s*(?=\()|\b(?:subprocess|sp|pty)\.(?:run|call|spawn)\s*(?=\()/g, 'exec'],
    [/\.(?:execute|executemany|executescript)\s*(?=\()/g, 'sql'],
    [/\.(?:query|exec|raw|sql)\s*(?=\()/g, 'sql-maybe'],
    [/(?<![.\w])(?:eval|exec|compile|__import__)\s*(?=\()/g, 'eval'],
    [/(?<![.\w])(?:open|io\.open|codecs\.open)\s*(?=\()/g, 'write'],
  ],
  js: [
    [/(?:\b(?:fs|fse|fsp|fsPromises|promises)|\))\s*\.\s*(?:rm|rmSync|rmdir|rmdirSync|remove|removeSync|emptyDir|emptyDirSync)\s*(?=\()/g, 'delete-tree'],
    [/\b(?:rimraf(?:\.sync)?|del(?:\.sync)?|deleteSync|Deno\.(?:remove|removeSync))\s*(?=\()/g, 'delete-tree'],
    [/(?:\b(?:fs|fse|fsp|fsPromises|promises)|\))\s*\.\s*(?:unlink|unlinkSync|truncate|truncateSync)\s*(?=\()/g, 'delete'],
    [/(?:(?:child_process|cp|\))\s*\.\s*|(?<![.\w$]))(?:exec|execSync|spawn|spawnSync|execFile|execFileSync|fork)\s*(?=\()|\.\s*(?:execSync|spawnSync|execFileSync|execFile)\s*(?=\()/g, 'exec'],
    [/\b(?:Bun\.spawn|Bun\.spawnSync|Deno\.run|\$)\s*(?=\(|`)/g, 'exec'],
    [/\.(?:query|exec|execute|run|raw|prepare)\s*(?=\()/g, 'sql-maybe'],
    [/(?<![.\w$])(?:eval|Function|new\s+Function)\s*(?=\()|\.(?:runInThisContext|runInNewContext|runInContext|compileFunction)\s*(?=\()/g, 'eval'],
    [/(?:\b(?:fs|fse|fsp|fsPromises|promises)|\))\s*\.\s*(?:writeFileSync|writeFile|appendFileSync|appendFile|outputFileSync|outputFile)\s*(?=\()|(?<![.\w$])(?:writeFileSync|writeFile)\s*(?=\()|\bDeno\.writeTextFileSync\s*(?=\()|\bDeno\.writeTextFile\s*(?=\()/g, 'write'],
  ],
  perl: [
    [/\b(?:rmtree|remove_tree)\b\s*/g, 'delete-tree'],
    [/(?<![$@%\w])(?:unlink|rmdir)\b\s*/g, 'delete'],
    [/(?<![$@%\w>])(?:system|exec)\b\s*/g, 'exec'],
    [/->(?:do|prepare|selectall_arrayref|selectrow_array)\s*(?=\()/g, 'sql'],
    // `eval "..."` / `eval $x` / `eval pack(...)` evaluate text; `eval { ... }` is a plain block.
    [/(?<![$@%\w>])eval\b(?!\s*\{)\s*/g, 'eval'],
  ],
  ruby: [
    [/\bFileUtils\.(?:rm_rf|rm_r|remove_dir|remove_entry|remove_entry_secure|rmtree)\b\s*/g, 'delete-tree'],
    [/\b(?:FileUtils\.(?:rm|rm_f|remove|remove_file|safe_unlink)|File\.(?:delete|unlink)|Dir\.(?:rmdir|delete|unlink))\b\s*/g, 'delete'],
    [/(?<![.\w])(?:system|exec|spawn)\b\s*|\b(?:IO\.popen|Open3\.\w+|Kernel\.(?:system|exec|spawn))\s*/g, 'exec'],
    [/\.(?:execute|exec|query|exec_query)\s*(?=\(|\s*["'])/g, 'sql'],
    [/(?<![.\w])(?:eval|instance_eval|class_eval)\b\s*/g, 'eval'],
    [/\bFile\.(?:write|open|binwrite)\s*(?=\()/g, 'write'],
  ],
  php: [
    [/\b(?:unlink|rmdir)\s*(?=\()/g, 'delete'],
    [/\b(?:shell_exec|exec|system|passthru|popen|proc_open|pcntl_exec)\s*(?=\()/g, 'exec'],
    [/(?:->|::)(?:query|exec|prepare)\s*(?=\()|\b(?:mysqli_query|pg_query|mysql_query)\s*(?=\()/g, 'sql-maybe'],
    [/\b(?:eval|assert|create_function)\s*(?=\()/g, 'eval'],
    [/\b(?:file_put_contents|fopen)\s*(?=\()/g, 'write'],
  ],
};

// SDK calls whose name alone says they destroy stored data (indexes, collections, buckets, caches).
const API_DESTROY: readonly [RegExp, Family] = [
  /\b(?:requests|httpx|axios|session|http|got|ky|superagent|Net::HTTP)\.delete\s*(?=\()|\.(?:deleteIndex|clearObjects|deleteMany|deleteAll|destroyAll|dropDatabase|dropCollection|dropTable|flushall|flushAll|flushdb|flushDb|purgeQueue|deleteBucket|deleteTable|deleteDatabase|deleteCollection|deleteObjects|emptyBucket|truncateTable|removeAll|delete_all|destroy_all|drop_table|drop_database|drop_collection|delete_bucket|delete_table|delete_index|delete_many|delete_collection|delete_objects|flush_all|purge_queue)\s*(?=\()/g,
  'api-destroy',
];

const WRITE_RULE: Record<string, string> = {
  'shell.redirect-truncate': 'shell.interpreter-overwrite',
  'shell.redirect-write': 'shell.interpreter-write',
  'shell.redirect-append': 'shell.interpreter-append',
  'shell.redirect-device': 'shell.interpreter-device-write',
  'shell.redirect-protected': 'shell.interpreter-write-protected',
};

const SQL_START = /^\s*(?:select|insert|update|delete|drop|truncate|alter|create|with|grant|revoke|replace|merge|vacuum|rename)\b/i;

export function scanCode(code: string, lang: Lang, st: State, via: string): void {
  const before = st.findings.length;
  const m = mask(code, lang);
  for (const s of m.shells) reparse(s.value, st, { via: `${via} backticks`, dynamic: s.dynamic });
  for (const [re, family] of [...PATTERNS[lang], API_DESTROY, ...importedNames(code, lang)]) {
    // matchAll iterates a copy of the regex, so a nested scanCode (eval of a literal) cannot
    // reset this loop's position.
    for (const hit of m.masked.matchAll(re)) {
      tick(st);
      const args = family === 'delete' && hit[0].endsWith(')') ? [] : readArgs(code, hit.index + hit[0].length, lang);
      act(family, hit[0].replace(/[\s(]+$/, '').replace(/^(?:\)\s*)?\.\s*/, ''), args, st, via, lang);
    }
  }
  if (st.findings.length === before) looksLikeShell(code, st, via);
}

// `import subprocess as sp2` / `from subprocess import run`: calls through those names run commands.
function importedNames(code: string, lang: Lang): [RegExp, Family][] {
  if (lang !== 'python' || !code.includes('subprocess')) return [];
  const names: string[] = [];
  for (const m of code.matchAll(/\bimport\s+subprocess\s+as\s+(\w+)/g)) names.push(`${m[1]}\\.(?:run|call|check_call|check_output|Popen)`);
  for (const m of code.matchAll(/\bfrom\s+subprocess\s+import\s+([\w\s,]+)/g)) {
    for (const n of m[1]!.split(',')) {
      const name = n.trim().split(/\s+as\s+/).pop();
      if (name && /^\w+$/.test(name)) names.push(name);
    }
  }
  return names.length > 0 ? [[new RegExp(`(?<![.\\w])(?:${names.join('|')})\\s*(?=\\()`, 'g'), 'exec']] : [];
}

function act(family: Family, call: string, args: Arg[], st: State, via: string, lang: Lang): void {
  const a0 = args[0];
  const literal = a0?.kind === 'str' && !a0.dynamic ? a0.value : undefined;
  switch (family) {
    case 'delete':
    case 'delete-tree': {
      if (literal === undefined && !(a0?.kind === 'list' && !a0.dynamic)) return add(st, cannot(call, via, 'delete'));
      const paths = a0 && a0.kind === 'list' ? a0.values : [literal!];
      for (const p of paths) add(st, judgeDelete(call, p, family === 'delete-tree', via, st));
      return;
    }
    case 'exec': {
      const argv = argvOf(args);
      if (!argv) return add(st, cannot(call, via, 'run'));
      if (argv.length === 1) reparse(argv[0]!, st, { via: `${via} ${call}` });
      else dispatch(argv.map((value) => ({ value, dynamic: false })), st, undefined, argv.join(' '));
      return;
    }
    case 'sql':
    case 'sql-maybe': {
      if (literal !== undefined && SQL_START.test(literal)) {
        for (const f of classifySql(literal, 'postgresql').findings) add(st, f);
      } else if (family === 'sql' && (a0?.kind !== 'str' || a0.dynamic)) add(st, cannot(call, via, 'query'));
      return;
    }
    case 'write': {
      // open(p, 'w') truncates like `>`; 'a' appends; reading is not a change.
      const mode = args[1]?.kind === 'str' ? args[1].value : '';
      const opener = /(?:^|\.)(?:open|fopen)$/.test(call);
      if (opener && !/[wax+]/.test(mode)) return;
      if (a0 === undefined || a0.kind !== 'str') return add(st, cannot(call, via, 'write'));
      const append = /append/i.test(call) || (opener && mode.includes('a'));
      const f = judgeTarget({ value: a0.value, dynamic: a0.dynamic }, append, st);
      if (f) add(st, { ...f, rule: WRITE_RULE[f.rule] ?? f.rule, explanation: `${via}: ${call}(${snippet(a0.value)}) ${f.explanation.replace(/^`>` truncates/, 'truncates')}`, tool: call });
      return;
    }
    case 'api-destroy': {
      const what = literal !== undefined ? ` ${snippet(literal)}` : '';
      return add(st, { rule: 'shell.interpreter-api-delete', risk: 'destructive', effect: 'destroy-data', target: literal ?? call, explanation: `${via}: ${call}(${what.trim()}) destroys stored data`, tool: call });
    }
    case 'eval': {
      if (literal !== undefined) {
        if (st.nesting + 1 > MAX_NESTING) throw new Bail({ code: 'E_TOO_DEEP', message: `Code evaluating code nests more than ${MAX_NESTING} levels; simplify it.` });
        st.nesting++;
        try {
          return scanCode(literal, lang, st, `${via} ${call}`);
        } finally {
          st.nesting--;
        }
      }
      if (call.endsWith('__import__') && a0?.kind === 'str') return;
      return add(st, cannot(call, via, 'evaluate'));
    }
  }
}

/** Literal argv from `("rm -rf /")`, `(["rm", "-rf", "/"])`, `("rm", ["-rf", "/"])` or `("rm", "-rf", "/")`. */
function argvOf(args: Arg[]): string[] | null {
  const out: string[] = [];
  for (const a of args) {
    if (a.kind === 'other') break;
    if (a.dynamic) return null;
    if (a.kind === 'str') out.push(a.value);
    else out.push(...a.values);
  }
  return out.length > 0 ? out : null;
}

function judgeDelete(call: string, path: string, tree: boolean, via: string, st: State): Finding {
  const info = classifyPath(path, false, st.cwd);
  const precious = isSystemWide(info.cls) || info.cls === 'outside' || info.cls === 'parent' || info.cls === 'cwd' || (tree && info.cls === 'temp');
  const risk = precious ? 'destructive' : 'mutating';
  return { rule: tree ? 'shell.interpreter-delete-tree' : 'shell.interpreter-delete', risk, effect: 'delete-files', target: path, explanation: `${via}: ${call}(${snippet(path)}) deletes ${tree ? 'a directory tree' : 'a file'} (${info.cls} path)`, tool: call };
}

function cannot(call: string, via: string, verb: string): Finding {
  return { rule: 'shell.interpreter-dynamic', risk: 'unknown', effect: 'run-unknown-code', target: call, explanation: `${via}: ${call} is given a computed argument, so what it would ${verb} cannot be known`, tool: call };
}

// `perl -e "rm -rf /"`: not valid code for the interpreter, but an agent that writes it meant the
// shell command; when the text reads as a destructive shell command we do not call it safe.
function looksLikeShell(code: string, st: State, via: string): void {
  const r = nestedReport(code, st, via);
  if (r.risk === 'destructive' && !r.error) {
    add(st, { rule: 'shell.interpreter-shell-text', risk: 'unknown', effect: 'run-unknown-code', target: snippet(code), explanation: `${via}: the code reads as a destructive shell command (${r.summary}); its effect in the interpreter is unclear`, tool: 'shell' });
  }
}
