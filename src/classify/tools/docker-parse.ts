// Splits docker/podman/nerdctl command lines into (group, verb, rest), folding the management
// forms onto the classic ones: `docker container rm` is `docker rm`, `docker image rm` is `rmi`.
import { perInvocation } from './table.js';
import type { Invocation } from './types.js';

export type DockerCall = { group: string; verb: string; rest: string[] };

const GLOBAL_VALUED = new Set(['-H', '--host', '-c', '--context', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey', '--connection', '--url', '--identity', '--root', '--runroot', '--storage-driver', '--namespace', '-n', '--address', '--cgroup-manager']);
const GROUPS = new Set(['container', 'image', 'volume', 'network', 'system', 'builder', 'buildx', 'compose', 'swarm', 'service', 'stack', 'secret', 'config', 'node', 'pod', 'machine', 'context', 'plugin', 'manifest', 'trust', 'checkpoint', 'kube', 'generate', 'farm', 'artifact']);
const COMPOSE_VALUED = new Set(['-f', '--file', '-p', '--project-name', '--profile', '--env-file', '--project-directory', '--ansi', '--progress', '--parallel']);

// Management verbs that mean the same as a classic top-level one.
const IMAGE_ALIASES: Record<string, string> = { rm: 'rmi', remove: 'rmi', ls: 'images', list: 'images' };
const CONTAINER_ALIASES: Record<string, string> = { remove: 'rm', ls: 'ps', list: 'ps' };

function skipOptions(a: readonly string[], start: number, valued: ReadonlySet<string>): number {
  let i = start;
  while (i < a.length) {
    const t = a[i] ?? '';
    if (t === '--') return i + 1;
    if (!t.startsWith('-')) return i;
    i += valued.has(t) ? 2 : 1;
  }
  return i;
}

export const parseDocker = perInvocation((inv: Invocation): DockerCall => {
  const a = inv.args;
  const composeBinary = /compose$/.test(inv.name);
  if (composeBinary) {
    const i = skipOptions(a, 0, COMPOSE_VALUED);
    return { group: 'compose', verb: a[i] ?? '', rest: a.slice(i + 1) };
  }
  let i = skipOptions(a, 0, GLOBAL_VALUED);
  const first = a[i] ?? '';
  if (!GROUPS.has(first)) return { group: '', verb: first, rest: a.slice(i + 1) };
  const group = first;
  i = skipOptions(a, i + 1, group === 'compose' ? COMPOSE_VALUED : new Set());
  const verb = a[i] ?? '';
  const rest = a.slice(i + 1);
  if (group === 'container' && verb !== 'prune') return { group: '', verb: CONTAINER_ALIASES[verb] ?? verb, rest };
  if (group === 'image' && IMAGE_ALIASES[verb]) return { group: '', verb: IMAGE_ALIASES[verb] ?? verb, rest };
  return { group, verb, rest };
});

export const RUN_VALUED = new Set([
  '-e', '--env', '-v', '--volume', '--mount', '-p', '--publish', '--name', '-w', '--workdir', '-u', '--user',
  '--network', '--net', '--entrypoint', '-l', '--label', '--env-file', '--cpus', '-m', '--memory', '--restart',
  '--platform', '-h', '--hostname', '--add-host', '--device', '--cap-add', '--cap-drop', '--security-opt',
  '--log-driver', '--log-opt', '--ulimit', '--tmpfs', '--shm-size', '--pid', '--ipc', '--expose', '--dns',
  '--gpus', '--health-cmd', '--stop-signal', '--pull', '--runtime', '-a', '--attach', '--cidfile', '--group-add',
  '--link', '--volumes-from', '--network-alias', '--ip', '--mac-address', '--storage-opt', '--sysctl', '--userns',
  '--uts', '--cgroupns', '--isolation', '--detach-keys', '--label-file', '--stop-timeout', '--memory-swap',
  '--cpu-shares', '-c', '--cpuset-cpus', '--pod', '--secret', '--arch', '--os', '--variant',
]);
export const EXEC_VALUED = new Set(['-e', '--env', '--env-file', '-u', '--user', '-w', '--workdir', '--detach-keys', '--index']);

/** For `run IMAGE CMD...` / `exec CTR CMD...`: the index in `rest` of the image or container. */
export function firstOperand(rest: readonly string[], valued: ReadonlySet<string>): number {
  let i = 0;
  while (i < rest.length) {
    const t = rest[i] ?? '';
    if (t === '--') return i + 1;
    if (!t.startsWith('-')) return i;
    i += valued.has(t) ? 2 : 1;
  }
  return i;
}
