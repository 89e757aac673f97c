// Messaging systems: NATS, RabbitMQ, Kafka (Apache scripts and Redpanda's rpk). Deleting or
// purging a stream, queue or topic loses the messages in it; nothing keeps a copy.
import { parseArgs, has } from './argv.js';
import { rule, verbTable, DELETE_WORDS, READ_WORDS } from './verbs.js';
import type { Invocation, ToolTable } from './types.js';
import { defineTable } from './table.js';

export const NATS: ToolTable = verbTable({
  name: 'nats',
  commands: ['nats'],
  valued: ['--server', '-s', '--context', '--creds', '--user', '--password', '--timeout', '--js-domain', '--subject', '--stream'],
  // "rmm" removes one message from a stream.
  localNouns: ['context'],
  destroy: [...DELETE_WORDS, 'rmm'],
  read: [...READ_WORDS, 'sub', 'subscribe', 'watch', 'report', 'next', 'bench'],
  change: ['pub', 'publish', 'request', 'req', 'reply', 'add', 'create', 'edit', 'put', 'update', 'backup', 'restore', 'seal'],
  examples: {
    destroy: { match: ['nats stream rm EVENTS -f', 'nats stream purge EVENTS', 'nats kv del SETTINGS theme', 'nats consumer delete EVENTS audit-reader'], no_match: ['nats stream info EVENTS', 'nats pub events.created hello'] },
    read: { match: ['nats stream ls', 'nats kv get SETTINGS theme', 'nats sub "events.>"'], no_match: ['nats object delete assets logo.png', 'nats kv put SETTINGS theme dark'] },
  },
});

export const RABBITMQCTL: ToolTable = verbTable({
  name: 'rabbitmqctl',
  commands: ['rabbitmqctl', 'rabbitmq-plugins', 'rabbitmq-upgrade', 'rabbitmq-queues', 'rabbitmq-streams'],
  valued: ['-p', '--vhost', '-n', '--node', '-t', '--timeout'],
  noShortHelp: true,
  // reset / force_reset wipe the node's data; clear_permissions locks a user out; forget_cluster_node
  // drops a member; stop, shutdown and close_all_connections take the broker or its clients out.
  destroy: ['delete', 'reset', 'forget', 'stop', 'shutdown', 'purge', 'close', 'drain', 'clear'],
  read: [...READ_WORDS, 'report', 'environment', 'await', 'cluster_status', 'node_health_check', 'ping'],
  change: ['set_permissions', 'add_user', 'add_vhost', 'start_app', 'change_password', 'set_policy', 'enable', 'revive'],
  extra: [
    rule('rabbitmqctl.eval', 'unknown', 'run-code', 'rabbitmqctl eval runs Erlang code the classifier cannot read', (inv) => inv.args.includes('eval'),
      { match: ['rabbitmqctl eval "application:stop(rabbit)."'], no_match: ['rabbitmqctl status'] }),
  ],
  examples: {
    destroy: { match: ['rabbitmqctl delete_vhost /billing', 'rabbitmqctl clear_permissions -p /billing reporter', 'rabbitmqctl force_reset', 'rabbitmqctl stop_app'], no_match: ['rabbitmqctl list_queues name messages', 'rabbitmqctl add_user reporter s3cret'] },
    read: { match: ['rabbitmqctl list_vhosts', 'rabbitmqctl cluster_status', 'rabbitmqctl ping'], no_match: ['rabbitmqctl delete_user reporter', 'rabbitmqctl set_permissions -p / reporter ".*" ".*" ".*"'] },
  },
});

export const RABBITMQ_DIAGNOSTICS: ToolTable = defineTable({ name: 'rabbitmq-diagnostics', commands: ['rabbitmq-diagnostics'], rules: [], fallback: 'readonly' });

export const RABBITMQADMIN: ToolTable = verbTable({
  name: 'rabbitmqadmin',
  commands: ['rabbitmqadmin'],
  valued: ['-H', '--host', '-P', '--port', '-V', '--vhost', '-u', '--username', '-p', '--password', '-c', '--config', '-N', '--node', '-f', '--format'],
  noShortHelp: true,
  destroy: [...DELETE_WORDS, 'close'],
  read: [...READ_WORDS, 'export'],
  change: ['declare', 'publish', 'import'],
  examples: {
    destroy: { match: ['rabbitmqadmin delete queue name=invoices', 'rabbitmqadmin purge queue name=invoices', 'rabbitmqadmin -V /billing delete exchange name=billing.events'], no_match: ['rabbitmqadmin declare queue name=invoices durable=true', 'rabbitmqadmin list bindings'] },
    read: { match: ['rabbitmqadmin list queues name messages', 'rabbitmqadmin show overview'], no_match: ['rabbitmqadmin publish routing_key=invoices payload=hi', 'rabbitmqadmin delete binding source=x destination=y'] },
  },
});

// The Apache Kafka scripts take one action flag each (--list, --delete, --alter, ...).
const KAFKA_VALUED = ['--bootstrap-server', '--zookeeper', '--topic', '--group', '--command-config', '--partitions', '--replication-factor', '--config', '--add-config', '--delete-config', '--entity-type', '--entity-name', '--offset-json-file', '--operation', '--allow-principal', '--deny-principal', '--to-offset', '--to-datetime', '--shift-by', '--by-duration', '--from-file', '--to-earliest', '--resource-pattern-type', '--cluster-id', '--config-file', '-c', '-t'];
const kargs = (inv: Invocation) => parseArgs(inv.args, { valued: KAFKA_VALUED, noClusters: true });
const kafkaNames = (base: string) => [base, `${base}.sh`];

export const KAFKA: ToolTable = defineTable({
  name: 'kafka',
  commands: ['kafka-topics', 'kafka-configs', 'kafka-acls', 'kafka-consumer-groups', 'kafka-delete-records', 'kafka-storage', 'kafka-console-consumer', 'kafka-console-producer', 'kafka-broker-api-versions', 'kafka-reassign-partitions', 'kafka-leader-election', 'kafka-log-dirs', 'kafka-get-offsets', 'kafka-metadata-quorum'].flatMap(kafkaNames),
  rules: [
    rule('kafka.delete', 'destructive', 'delete-data', 'deletes topics, records, consumer groups or ACLs', (inv) => {
      const tool = inv.name.replace(/\.sh$/, '');
      const p = kargs(inv);
      if (tool === 'kafka-delete-records') return { explanation: 'kafka-delete-records: deletes every record before the given offsets' };
      if (tool === 'kafka-storage' && p.pos[0] === 'format') return { explanation: 'kafka-storage format: formats the log directories' };
      if (tool === 'kafka-topics' && has(p, '--delete')) return { target: p.opts.get('--topic')?.[0] ?? '', explanation: 'kafka-topics --delete: deletes a topic and all its messages' };
      if (tool === 'kafka-consumer-groups' && has(p, '--delete', '--delete-offsets')) return { explanation: 'kafka-consumer-groups --delete: drops the group and its committed offsets' };
      // Without --execute, --reset-offsets only prints the plan (Kafka's default is a dry run).
      if (tool === 'kafka-consumer-groups' && has(p, '--reset-offsets') && has(p, '--execute')) return { explanation: 'kafka-consumer-groups --reset-offsets --execute: moves committed offsets; consumers skip or replay messages' };
      if (tool === 'kafka-acls' && has(p, '--remove')) return { explanation: 'kafka-acls --remove: removes access; clients relying on it stop working' };
      if (tool === 'kafka-configs' && has(p, '--alter') && has(p, '--delete-config')) return { explanation: 'kafka-configs --delete-config: drops a setting (e.g. retention) back to the broker default' };
      return null;
    }, { match: ['kafka-topics --bootstrap-server k1:9092 --delete --topic invoices', 'kafka-delete-records.sh --bootstrap-server k1:9092 --offset-json-file cut.json', 'kafka-consumer-groups --bootstrap-server k1:9092 --group billing --reset-offsets --to-earliest --all-topics --execute', 'kafka-acls --bootstrap-server k1:9092 --remove --allow-principal User:etl --topic invoices'], no_match: ['kafka-topics --bootstrap-server k1:9092 --describe --topic invoices', 'kafka-consumer-groups --bootstrap-server k1:9092 --group billing --reset-offsets --to-earliest --all-topics'] }),
    rule('kafka.read', 'readonly', 'read', 'lists or describes', (inv) => {
      const tool = inv.name.replace(/\.sh$/, '');
      const p = kargs(inv);
      if (['kafka-console-consumer', 'kafka-broker-api-versions', 'kafka-log-dirs', 'kafka-get-offsets', 'kafka-metadata-quorum'].includes(tool)) return true;
      if (tool === 'kafka-consumer-groups' && has(p, '--reset-offsets') && !has(p, '--execute')) return { effect: 'dry-run', explanation: 'kafka-consumer-groups --reset-offsets without --execute only prints the new offsets' };
      if (has(p, '--delete', '--remove', '--alter', '--create', '--add', '--execute', '--delete-offsets')) return null;
      return has(p, '--list', '--describe', '--verify') || (tool === 'kafka-storage' && ['info', 'random-uuid'].includes(p.pos[0] ?? ''));
    }, { match: ['kafka-topics.sh --bootstrap-server k1:9092 --list', 'kafka-console-consumer --bootstrap-server k1:9092 --topic invoices --from-beginning'], no_match: ['kafka-topics --bootstrap-server k1:9092 --create --topic audit --partitions 6', 'kafka-console-producer --bootstrap-server k1:9092 --topic audit'] }),
  ],
  fallback: 'mutating',
});

export const RPK: ToolTable = verbTable({
  name: 'rpk',
  commands: ['rpk'],
  valued: ['--brokers', '-X', '--profile', '-p', '--partitions', '-r', '--replicas', '-c', '--topic-config', '--offset', '-o', '--format', '-f', '--num', '-n', '--group', '-g'],
  noShortHelp: true,
  // trim-prefix deletes records below an offset; seek moves a group's offsets.
  destroy: [...DELETE_WORDS, 'trim', 'trim-prefix', 'seek'],
  read: [...READ_WORDS, 'consume'],
  change: ['produce', 'create', 'add-partitions', 'alter-config', 'set', 'start', 'restart', 'import'],
  examples: {
    destroy: { match: ['rpk topic delete invoices', 'rpk group delete billing', 'rpk topic trim-prefix invoices --offset 5000'], no_match: ['rpk topic describe invoices', 'rpk topic create audit -p 6'] },
    read: { match: ['rpk topic list', 'rpk topic consume invoices --num 5', 'rpk cluster info'], no_match: ['rpk acl delete --allow-principal User:etl', 'rpk topic produce audit'] },
  },
});

export const MESSAGING_TABLES: ToolTable[] = [NATS, RABBITMQCTL, RABBITMQ_DIAGNOSTICS, RABBITMQADMIN, KAFKA, RPK];
