// CI services: CircleCI's CLI and Jenkins' CLI (a jar run by java, or a `jenkins-cli` wrapper).
import { parseArgs } from './argv.js';
import { defineTable } from './table.js';
import { compileVerbs, findVerb, rule, verbTable, DELETE_WORDS, READ_WORDS } from './verbs.js';
import type { Invocation, ToolTable } from './types.js';
import { GITLAB_TABLES } from './gitlab-server.js';

export const CIRCLECI: ToolTable = verbTable({
  name: 'circleci',
  commands: ['circleci'],
  valued: ['--token', '--host', '--org-id', '--org-slug', '--integration', '--skip-update-check'],
  // remove-secret drops a context secret that running pipelines read.
  destroy: [...DELETE_WORDS, 'remove-secret', 'unlist'],
  read: [...READ_WORDS, 'diagnostic', 'process', 'pack', 'source', 'decide', 'eval'],
  change: ['store-secret', 'create', 'publish', 'promote', 'increment', 'setup', 'trigger', 'run', 'local', 'update', 'follow', 'open'],
  examples: {
    destroy: { match: ['circleci context delete gh acme deploy-keys', 'circleci context remove-secret gh acme deploy-keys NPM_TOKEN', 'circleci orb delete acme/helpers'], no_match: ['circleci context store-secret gh acme deploy-keys NPM_TOKEN', 'circleci context list gh acme'] },
    read: { match: ['circleci config validate', 'circleci orb info acme/helpers', 'circleci diagnostic'], no_match: ['circleci namespace delete acme', 'circleci orb publish orb.yml acme/helpers@1.0.0'] },
  },
});

// Jenkins CLI commands are single words: delete-job, get-job, safe-shutdown, ...
const JENKINS_VERBS = compileVerbs({
  destroy: ['delete', 'shutdown', 'clear', 'disconnect', 'remove', 'uninstall'],
  read: ['list', 'get', 'who', 'help', 'version', 'console', 'session'],
  change: ['build', 'create-job', 'update-job', 'copy-job', 'safe-restart', 'restart', 'reload-job', 'reload-configuration', 'enable-job', 'disable-job', 'offline-node', 'online-node', 'install-plugin', 'quiet-down', 'cancel-quiet-down', 'set-build-description'],
});
const JENKINS_VALUED = ['-s', '-auth', '-i', '-p', '-user', '-logger', '-webSocket'];

function jenkinsCommand(args: readonly string[]): { words: string[] } {
  const p = parseArgs(args, { valued: JENKINS_VALUED, noClusters: true });
  return { words: p.pos };
}

function judgeJenkins(words: string[]): { risk: 'destructive' | 'readonly' | 'unknown'; verb: string } | null {
  const cmd = words[0];
  if (cmd === undefined) return null;
  // groovy and groovysh run arbitrary code inside the Jenkins controller.
  if (cmd === 'groovy' || cmd === 'groovysh') return { risk: 'unknown', verb: cmd };
  const v = findVerb(words.slice(0, 1), JENKINS_VERBS);
  if (v?.kind === 'destroy') return { risk: 'destructive', verb: v.verb };
  if (v?.kind === 'read') return { risk: 'readonly', verb: v.verb };
  return null;
}

const jarArgs = (inv: Invocation): string[] | null => {
  const i = inv.args.indexOf('-jar');
  const jar = i >= 0 ? inv.args[i + 1] : undefined;
  if (jar === undefined || !/(^|\/)jenkins-cli[^/]*\.jar$/.test(jar)) return null;
  return inv.args.slice(i + 2);
};

const jenkinsRules = (name: string, pick: (inv: Invocation) => readonly string[] | null, ex: { change: [string[], string[]]; read: [string[], string[]] }) => {
  const judge = (inv: Invocation) => {
    const args = pick(inv);
    return args === null ? null : judgeJenkins(jenkinsCommand(args).words);
  };
  return [
    rule(`${name}.delete`, 'destructive', 'delete-resource', 'deletes or stops what it names in Jenkins', (inv) => {
      const j = judge(inv);
      if (j === null || j.risk === 'readonly') return null;
      return j.risk === 'unknown'
        ? { risk: 'unknown', effect: 'run-code', explanation: `jenkins-cli ${j.verb}: runs Groovy code inside the Jenkins controller` }
        : { explanation: `jenkins-cli ${j.verb}: deletes or stops what it names in Jenkins` };
    }, { match: ex.change[0], no_match: ex.change[1] }),
    rule(`${name}.read`, 'readonly', 'read', 'a Jenkins CLI command that only reads', (inv) => judge(inv)?.risk === 'readonly', { match: ex.read[0], no_match: ex.read[1] }),
  ];
};

export const JAVA: ToolTable = defineTable({
  name: 'java',
  commands: ['java'],
  rules: jenkinsRules('java.jenkins-cli', jarArgs, {
    change: [['java -jar jenkins-cli.jar -s https://ci.example.org/ delete-job nightly-build', 'java -jar /opt/jenkins-cli.jar -auth ops:tok safe-shutdown'], ['java -jar app.jar delete-job', 'java -jar jenkins-cli.jar -s https://ci.example.org/ list-jobs']],
    read: [['java -jar /opt/jenkins-cli.jar -s https://ci.example.org/ list-jobs', 'java -jar jenkins-cli.jar who-am-i'], ['java -jar jenkins-cli.jar delete-view old', 'java -version']],
  }),
  // Running some other jar or class runs a program the classifier cannot see into, like `node app.js`.
  fallback: (inv) => (inv.args.some((a) => a === '-version' || a === '--version' || a === '-help') ? 'readonly' : 'mutating'),
});

export const JENKINS_CLI: ToolTable = defineTable({
  name: 'jenkins-cli',
  commands: ['jenkins-cli', 'jenkins'],
  rules: jenkinsRules('jenkins-cli', (inv) => inv.args, {
    change: [['jenkins-cli -s https://ci.example.org/ delete-node agent-7', 'jenkins-cli groovy = < cleanup.groovy'], ['jenkins-cli build nightly-build', 'jenkins-cli get-job nightly-build']],
    read: [['jenkins-cli get-job nightly-build', 'jenkins-cli list-plugins'], ['jenkins-cli -s https://ci.example.org/ enable-job nightly-build', 'jenkins-cli delete-builds nightly-build 1-40']],
  }),
  fallback: 'mutating',
});

export const CI_TABLES: ToolTable[] = [CIRCLECI, JAVA, JENKINS_CLI, ...GITLAB_TABLES];
