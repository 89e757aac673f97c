// Package managers and build tools. Installing, building and testing change things routinely
// (mutating). Publishing is destructive: it cannot be taken back (registries never let a version
// be reused, and whatever the release leaked — code, a key in a config file — stays out there).
// Unpublishing or yanking removes what others depend on: destructive too. Listings read.
import { carried, defineLocalTable, subInvocation } from './table.js';
import type { Invocation, ToolTable } from './types.js';

// Runners that execute another tool: what runs is that tool, classified as itself.
// (`npx prisma migrate reset`, `bundle exec rake db:drop`, `poetry run alembic downgrade base`.)
const RUNNER_VERBS: Record<string, RegExp> = {
  npx: /^$/, pnpx: /^$/, bunx: /^$/, uvx: /^$/,
  npm: /^(exec|x)$/, pnpm: /^(exec|dlx)$/, yarn: /^(exec|dlx)$/, bun: /^(x)$/,
  bundle: /^(exec)$/, bundler: /^(exec)$/, poetry: /^(run)$/, uv: /^(run)$/, pdm: /^(run)$/, hatch: /^(run)$/,
  pipx: /^(run)$/, conda: /^(run)$/, mamba: /^(run)$/, dotnet: /^(tool)$/,
};
// `yarn prisma ...` runs a package binary directly; only binaries some table knows are delegated.
const DIRECT_BINS = /^(prisma|sequelize|sequelize-cli|knex|typeorm|drizzle-kit|rimraf|del-cli|rails|rake|alembic|flyway|dbmate)$/;
const RUNNER_VALUED = new Set(['-p', '--package', '-c', '--call', '-w', '--workspace', '--prefix', '--cwd', '--from', '--with', '--spec', '-n', '--name', '--python', '--env-file', '--project', '-C', '--dir', '--filter']);

function runnerWords(inv: Invocation): string[] | null {
  const re = RUNNER_VERBS[inv.name];
  const a = inv.args;
  let i = 0;
  const skip = () => {
    while (i < a.length && (a[i] ?? '').startsWith('-')) {
      if (a[i] === '--') {
        i++;
        return;
      }
      i += RUNNER_VALUED.has(a[i] ?? '') ? 2 : 1;
    }
  };
  skip();
  if (re && re.source !== '^$') {
    if (!re.test(a[i] ?? '')) return DIRECT_BINS.test(a[i] ?? '') && /^(yarn|pnpm|bun)$/.test(inv.name) ? a.slice(i) : null;
    i++;
    if (inv.name === 'dotnet') i++; // dotnet tool run <tool>
    skip();
  } else if (!re) return null;
  return a.length > i ? a.slice(i) : null;
}

function verb(inv: Invocation): string {
  // Skip global options: `npm --prefix x run build`, `cargo +nightly build`, `yarn --cwd web add x`.
  const valued = new Set(['--prefix', '-C', '--cwd', '--dir', '--filter', '-F', '--workspace', '-w', '--manifest-path', '--registry', '-p', '--project', '--directory', '-f', '--file', '-s', '--settings', '-P', '--projects', '-D', '--python']);
  for (let i = 0; i < inv.args.length; i++) {
    const a = inv.args[i] ?? '';
    if (valued.has(a)) i++;
    else if (!a.startsWith('-') && !a.startsWith('+')) return a;
  }
  return '';
}

const REMOVE_RELEASE: Record<string, RegExp> = {
  npm: /^(unpublish)$/, pnpm: /^(unpublish)$/, yarn: /^(unpublish)$/, bun: /^(unpublish)$/,
  cargo: /^(yank)$/, gem: /^(yank)$/, dotnet: /^(nuget)$/, nuget: /^(delete)$/, twine: /^(delete)$/,
};

const PUBLISH: Record<string, RegExp> = {
  npm: /^publish$/, pnpm: /^publish$/, yarn: /^(publish|npm)$/, bun: /^publish$/, cargo: /^publish$/, gem: /^push$/,
  poetry: /^publish$/, twine: /^upload$/, uv: /^publish$/, pdm: /^publish$/, hatch: /^publish$/, dotnet: /^nuget$/, nuget: /^push$/,
};
const REMOVE_PKG = /^(uninstall|remove|rm|un|r|purge|autoremove|erase)$/;

const READ_VERBS = /^(list|ls|ll|la|outdated|view|info|show|search|why|explain|audit|help|version|config|get|freeze|check|tree|metadata|env|doc|vet|whoami|ping|root|bin|prefix|fund|licenses|query|pkg|dependencies|dependencyInsight|tasks|projects|properties|help:.*|dependency:tree|validate|locate|inspect|print-.*|show-.*|-v|-V)$/;

export const PACKAGES_TABLE: ToolTable = defineLocalTable({
  name: 'packages',
  commands: [
    'npm', 'yarn', 'pnpm', 'bun', 'npx', 'pnpx', 'bunx', 'pip', 'pip3', 'pipx', 'uv', 'uvx', 'poetry', 'pdm', 'hatch', 'conda', 'mamba',
    'cargo', 'rustup', 'gem', 'bundle', 'bundler', 'go', 'mvn', 'mvnw', 'gradle', 'gradlew', 'sbt', 'lein', 'composer', 'dotnet', 'nuget',
    'twine', 'deno', 'make', 'cmake', 'ninja', 'bazel', 'apt', 'apt-get', 'dnf', 'yum', 'apk', 'brew', 'pacman', 'zypper', 'snap', 'flatpak', 'port',
    'tsc', 'vite', 'webpack', 'esbuild', 'jest', 'vitest', 'pytest', 'tox', 'nox', 'ruff', 'eslint', 'prettier', 'black', 'mypy', 'rustc', 'gcc', 'g++', 'clang', 'javac',
  ],
  rules: [
    {
      id: 'packages.runner', risk: 'unknown', effect: 'run-command',
      explain: 'runs another tool through a package runner',
      test: (inv, ctx) => {
        const words = runnerWords(inv);
        if (!words) return null;
        const sub = subInvocation(inv, words, inv.dynamic.slice(inv.args.length - words.length));
        return sub ? carried(ctx.invocation(sub), `${inv.name} runs ${sub.name}`) : null;
      },
      examples: { match: ['npx prisma migrate reset --force', 'bundle exec rake db:drop', 'poetry run alembic upgrade head', 'npx -y rimraf dist', 'yarn prisma migrate reset'], no_match: ['npx', 'npm run build', 'yarn install', 'bundle install'] },
    },
    {
      // Irreversible and public, so held like any other destruction; the named effect lets a
      // policy treat releases differently (`effect: publish-package`).
      id: 'packages.publish', risk: 'destructive', effect: 'publish-package',
      explain: 'publishes a release to a package registry; a published version cannot be replaced',
      test: (inv) => {
        const v = verb(inv);
        // `dotnet nuget push`, `yarn npm publish`: the registry verb is one word further in.
        const nested = v === 'nuget' || (inv.name === 'yarn' && v === 'npm') ? inv.args.some((a) => a === 'push' || a === 'publish') : true;
        const hit = (PUBLISH[inv.name]?.test(v) && nested) || (/^(mvn|mvnw)$/.test(inv.name) && inv.args.some((a) => /^(deploy|release:perform|deploy:deploy.*)$/.test(a))) || (/^(gradle|gradlew)$/.test(inv.name) && inv.args.some((a) => /^publish/.test(a)));
        return hit ? { target: inv.args.filter((a) => !a.startsWith('-') && a !== v).join(' ') || inv.name } : null;
      },
      examples: { match: ['npm publish --access public', 'cargo publish', 'poetry publish --build', 'mvn deploy', './gradlew publishToMavenCentral', 'twine upload dist/*'], no_match: ['npm pack', 'mvn package', 'gradle build'] },
    },
    {
      id: 'packages.uninstall', risk: 'mutating', effect: 'remove-package',
      explain: 'removes an installed package (reinstallable)',
      test: (inv) => (REMOVE_PKG.test(verb(inv)) && !/^(git)$/.test(inv.name) ? { target: inv.args.filter((a) => !a.startsWith('-') && a !== verb(inv)).join(' ') } : null),
      examples: { match: ['pip uninstall -y requests', 'poetry remove httpx', 'npm uninstall lodash', 'apt-get purge nginx'], no_match: ['pip install requests'] },
    },
    {
      id: 'packages.unpublish', risk: 'destructive', effect: 'remove-release',
      explain: 'removes a published release from a registry that others depend on',
      test: (inv) => {
        const re = REMOVE_RELEASE[inv.name];
        const v = verb(inv);
        if (!re || !re.test(v)) return null;
        if (inv.name === 'cargo' && inv.args.includes('--undo')) return null;
        if (inv.name === 'dotnet' && !inv.args.includes('delete')) return null;
        return { target: inv.args.filter((a) => !a.startsWith('-') && a !== v).join(' ') };
      },
      examples: { match: ['npm unpublish my-lib@1.2.3', 'cargo yank --version 0.4.1 mycrate', 'gem yank mygem -v 2.0.0', 'dotnet nuget delete My.Pkg 1.0.0'], no_match: ['npm publish', 'cargo yank --undo --version 0.4.1', 'npm install'] },
    },
  ],
  fallback: (inv) => {
    if (inv.args.length === 0) return inv.name === 'make' || inv.name === 'ninja' || /^(tsc|vite|webpack|esbuild|jest|vitest|pytest|tox|nox|ruff|eslint|prettier|black|mypy|rustc|gcc|g\+\+|clang|javac|bazel|cmake)$/.test(inv.name) ? 'mutating' : 'readonly';
    const v = verb(inv);
    if (/^(eslint|ruff|mypy|black|prettier)$/.test(inv.name)) return inv.args.some((a) => /^--(fix|write)$|^-w$/.test(a)) || (inv.name === 'black' && !inv.args.includes('--check')) || (inv.name === 'ruff' && v === 'format') ? 'mutating' : 'readonly';
    return READ_VERBS.test(v) ? 'readonly' : 'mutating';
  },
});
