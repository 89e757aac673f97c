// Containers: docker, podman, nerdctl (same command language) and compose.
// Volumes hold data (deleting them is destructive); stopping or killing containers takes a service
// out (destructive); images and build cache are regenerable (mutating); listings read.
// `docker exec CTR cmd` and `docker run IMAGE cmd` carry a command, classified as such.
import { classifyPath, isOsPath } from './paths.js';
import { carried, defineLocalTable, subInvocation } from './table.js';
import { EXEC_VALUED, firstOperand, parseDocker, RUN_VALUED, type DockerCall } from './docker-parse.js';
import type { Invocation, RuleHit, ToolContext, ToolTable } from './types.js';

const has = (rest: readonly string[], ...flags: string[]) => rest.some((a) => flags.includes(a) || flags.some((f) => /^-[a-z]$/.test(f) && /^-[a-zA-Z]+$/.test(a) && a.includes(f[1] ?? '')));
const operands = (rest: readonly string[]) => rest.filter((a) => !a.startsWith('-')).join(' ');

const STOPS = new Set(['stop', 'kill']);

function takeOut(c: DockerCall): RuleHit | null {
  if (c.group === '' && STOPS.has(c.verb)) return { target: operands(c.rest), explanation: `docker ${c.verb} takes containers out of service` };
  if (c.group === '' && c.verb === 'rm' && has(c.rest, '-f', '--force')) return { target: operands(c.rest), explanation: 'docker rm --force kills running containers and deletes them' };
  if (c.group === 'pod' && /^(stop|kill|rm)$/.test(c.verb)) return { target: operands(c.rest), explanation: `pod ${c.verb} takes the pod out of service` };
  if ((c.group === 'service' || c.group === 'stack') && /^(rm|remove)$/.test(c.verb)) return { target: operands(c.rest), explanation: `${c.group} rm takes it out of service` };
  if ((c.group === 'service' && c.verb === 'scale') || (c.group === 'compose' && (c.verb === 'scale' || c.verb === 'up'))) {
    const zero = c.rest.find((a) => /=0$/.test(a));
    if (zero) return { target: zero.replace(/=0$/, '').replace(/^--scale=?/, ''), explanation: `scaling ${zero.replace(/=0$/, '')} to zero takes it out of service` };
  }
    if (c.group === 'swarm' && c.verb === 'leave' && has(c.rest, '-f', '--force')) return { target: 'swarm', explanation: 'forcing a manager out of the swarm can lose the cluster state' };
  if (c.group === 'node' && /^(rm|remove|demote)$/.test(c.verb)) return { target: operands(c.rest) };
  if (c.group === 'machine' && /^(rm|stop|reset)$/.test(c.verb)) return { target: operands(c.rest) || 'machine', explanation: `podman machine ${c.verb} takes down the VM with its containers and volumes` };
  if (c.group === 'compose') {
    if (c.verb === 'down') return { target: has(c.rest, '-v', '--volumes') ? 'services and volumes' : 'services', explanation: has(c.rest, '-v', '--volumes') ? 'compose down -v stops the services and deletes their volumes' : 'compose down stops and removes the services' };
    if (STOPS.has(c.verb) || c.verb === 'pause') return { target: operands(c.rest) || 'all services', explanation: `compose ${c.verb} takes services out` };
    if (c.verb === 'rm' && has(c.rest, '-s', '--stop', '-v', '--volumes')) return { target: operands(c.rest) || 'all services' };
  }
  return null;
}

function deletesData(c: DockerCall): RuleHit | null {
  const force = has(c.rest, '-f', '--force');
  if (c.group === 'volume' && /^(rm|remove)$/.test(c.verb)) return { target: operands(c.rest) };
  if (c.group === 'volume' && c.verb === 'prune' && force) return { target: 'unused volumes' };
  if (c.group === '' && c.verb === 'rm' && has(c.rest, '-v', '--volumes')) return { target: operands(c.rest), explanation: 'docker rm -v deletes the containers\' anonymous volumes' };
  if (c.group === 'system' && c.verb === 'prune' && (force || c.rest.includes('--volumes'))) return { target: c.rest.includes('--volumes') ? 'stopped containers and volumes' : 'stopped containers, networks and images' };
  if (c.group === 'container' && c.verb === 'prune' && force) return { target: 'stopped containers' };
  if (c.group === 'system' && c.verb === 'reset') return { target: 'all containers, images and volumes', explanation: 'system reset deletes every container, image and volume' };
  if (c.group === 'compose' && (c.verb === 'down' || c.verb === 'rm') && has(c.rest, '-v', '--volumes')) return { target: 'compose volumes', explanation: `compose ${c.verb} -v deletes the services' volumes` };
  if (c.group === '' && c.verb === 'rmi' && force) return { target: operands(c.rest), explanation: 'docker rmi --force removes images even when containers use them' };
  if ((c.group === 'secret' || c.group === 'config') && /^(rm|remove)$/.test(c.verb)) return { target: operands(c.rest) };
  if (c.group === '' && c.verb === 'cp') {
    // `docker cp ctr:/etc/passwd /etc/passwd` writes over the host's system files.
    const ops = c.rest.filter((a) => !a.startsWith('-'));
    const dest = ops[ops.length - 1] ?? '';
    if (ops.length >= 2 && !/^[\w.-]+:/.test(dest) && isOsPath(classifyPath(dest))) return { target: dest, explanation: `docker cp writes over a host system path (${dest})` };
  }
  return null;
}

function carriedCommand(inv: Invocation, ctx: ToolContext): RuleHit | null {
  const c = parseDocker(inv);
  let words: string[] | null = null;
  if ((c.group === '' || c.group === 'compose') && c.verb === 'exec') {
    const i = firstOperand(c.rest, EXEC_VALUED);
    words = c.rest.slice(i + 1);
  } else if ((c.group === '' || c.group === 'compose') && c.verb === 'run') {
    const i = firstOperand(c.rest, RUN_VALUED);
    words = c.rest.slice(i + 1);
  }
  if (!words || words.length === 0) return null;
  // Inside the container the host's working directory means nothing; -w names the real one.
  const w = c.rest.findIndex((a) => a === '-w' || a === '--workdir');
  // The carried words are a suffix of the arguments, so their dynamic flags are the same suffix.
  const sub = subInvocation(inv, words, inv.dynamic.slice(inv.args.length - words.length), w >= 0 ? c.rest[w + 1] : undefined);
  if (!sub) return null;
  const found = ctx.invocation(sub);
  // A fresh container with no host mounts has only its own throwaway file system: deleting or
  // overwriting files there loses nothing. (Compose services may mount volumes we cannot see.)
  const isolated = c.group === '' && c.verb === 'run' && !c.rest.some((a) => /^(-v|--volume|--mount|--volumes-from|--privileged)(=|$)/.test(a) || /^--(pid|ipc|net|network)=?host$/.test(a));
  const judged = isolated ? found.map((f) => (FILE_EFFECTS.has(f.effect) && f.risk === 'destructive' ? { ...f, risk: 'mutating' as const, explanation: `${f.explanation} (inside a throwaway container with no host mounts)` } : f)) : found;
  return carried(judged, `${inv.name} ${c.verb}`);
}

const FILE_EFFECTS = new Set(['delete-files', 'overwrite-files', 'change-permissions', 'destroy-data', 'delete-untracked-files', 'discard-uncommitted-work']);

const READ_VERBS = new Set(['ps', 'images', 'logs', 'inspect', 'version', 'info', 'stats', 'top', 'history', 'port', 'diff', 'events', 'search', 'ls', 'list', 'df', 'config', 'show', 'use', 'healthcheck', 'wait', 'export', 'save', '']);

export const DOCKER_TABLE: ToolTable = defineLocalTable({
  name: 'docker',
  commands: ['docker', 'podman', 'nerdctl', 'docker-compose', 'podman-compose', 'nerdctl-compose', 'finch'],
  // Help asked of docker itself or of the subcommand, not of a command run inside a container.
  helpScope: (inv) => {
    const c = parseDocker(inv);
    if (c.verb === 'exec' || c.verb === 'run') return c.rest.slice(0, firstOperand(c.rest, c.verb === 'run' ? RUN_VALUED : EXEC_VALUED));
    return inv.args;
  },
  rules: [
    {
      id: 'docker.take-out', risk: 'destructive', effect: 'stop-service',
      explain: 'stops, kills or removes running containers or services',
      test: (inv) => takeOut(parseDocker(inv)),
      examples: {
        match: ['docker stop web', 'docker rm -f api', 'podman kill db', 'docker service scale api=0', 'docker compose down', 'docker-compose stop', 'docker service rm payments'],
        no_match: ['docker ps -a', 'docker compose up -d', 'docker restart web', 'docker rm old-build'],
      },
    },
    {
      id: 'docker.delete-data', risk: 'destructive', effect: 'delete-volumes',
      explain: 'deletes volumes, stopped containers or images that running containers still use',
      test: (inv) => deletesData(parseDocker(inv)),
      examples: {
        match: ['docker volume rm pgdata', 'docker system prune -af', 'podman system reset --force', 'docker cp web:/tmp/sshd_config /etc/ssh/sshd_config', 'docker volume prune -f', 'docker rm -v cache', 'docker compose down -v', 'docker rmi -f app:latest', 'docker container prune --force'],
        no_match: ['docker system prune', 'docker volume ls', 'docker rmi app:old', 'docker image prune -f', 'docker cp web:/app/logs ./logs', 'docker cp ./fix.conf web:/etc/nginx/'],
      },
    },
    {
      id: 'docker.carried-command', risk: 'unknown', effect: 'run-command',
      explain: 'runs a command inside a container',
      test: carriedCommand,
      examples: {
        match: ['docker exec -it db psql -U app -c "DROP TABLE users"', 'docker run --rm -v /:/host alpine rm -rf /host/etc', 'docker compose exec web ls'],
        no_match: ['docker exec -it web', 'docker run -d nginx'],
      },
    },
  ],
  fallback: (inv) => {
    const c = parseDocker(inv);
    if (READ_VERBS.has(c.verb) && c.group !== 'compose') return 'readonly';
    if (c.group === 'compose' && /^(ps|logs|config|ls|images|top|port|version|events)$/.test(c.verb)) return 'readonly';
    return 'mutating';
  },
});

// buildah works on build containers and images: removing them is regenerable; `run` carries a
// command into a build container, classified as that command.
export const BUILDAH_TABLE: ToolTable = defineLocalTable({
  name: 'buildah',
  commands: ['buildah'],
  helpScope: (inv) => inv.args.slice(0, 1),
  rules: [
    {
      id: 'buildah.run', risk: 'unknown', effect: 'run-command',
      explain: 'runs a command inside a build container',
      test: (inv, ctx) => {
        if (inv.args[0] !== 'run') return null;
        const rest = inv.args.slice(1);
        const i = firstOperand(rest, RUN_VALUED);
        const words = rest[i + 1] === '--' ? rest.slice(i + 2) : rest.slice(i + 1);
        const sub = words.length > 0 ? subInvocation(inv, words, inv.dynamic.slice(inv.args.length - words.length), undefined) : null;
        return sub ? carried(ctx.invocation(sub), 'buildah run') : null;
      },
      examples: { match: ['buildah run work -- rm -rf /var/cache/apt'], no_match: ['buildah images'] },
    },
  ],
  fallback: (inv) => (/^(images|containers|inspect|info|version|list|ls|ps|login|)$/.test(inv.args.find((a) => !a.startsWith('-')) ?? '') ? 'readonly' : 'mutating'),
});
