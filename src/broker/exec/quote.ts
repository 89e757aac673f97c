// argv -> one shell command line that means exactly that argv. The broker classifies and approves
// the command line and runs that same line with bash, so what was approved is what runs.

const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(word: string): string {
  if (word !== '' && PLAIN.test(word)) return word;
  // Inside single quotes nothing is special except the quote itself: close, escape it, reopen.
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function shellJoin(argv: string[]): string {
  return argv.map(shellQuote).join(' ');
}
