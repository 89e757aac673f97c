// Non-SQL and SQL-like database shells: redis-cli, mongosh/mongo, cqlsh, clickhouse-client.
// Redis and Mongo commands are judged by their verbs (the command language is that small);
// CQL and ClickHouse SQL by the statement's leading keyword, then the SQL classifier.
import { parseArgs, vals } from './argv.js';
import { sqlHit, worstHit } from './db-sql.js';
import { defineLocalTable } from './table.js';
import type { Invocation, RuleHit, ToolContext, ToolTable } from './types.js';

const REDIS_VALUED = new Set(['-h', '-p', '-s', '-a', '-u', '-n', '-r', '-i', '-d', '--user', '--pass', '--askpass', '--tls', '--sni', '--cacert', '--cert', '--key', '-e', '--pattern', '--count', '--eval', '--rdb', '--functions-rdb', '--memkeys-samples', '--bigkeys-samples', '--quoted-pattern', '-t', '--hotkeys-samples']);
const REDIS_DESTROY = /^(flushall|flushdb|shutdown|del|unlink|swapdb|migrate|restore|replicaof|slaveof|debug|failover)$/;
const REDIS_DESTROY_SUB: Record<string, RegExp> = { config: /^(set|resetstat|rewrite)$/i, script: /^flush$/i, function: /^(flush|delete|restore)$/i, cluster: /^(reset|forget|flushslots|delslots|delslotsrange|failover)$/i, acl: /^(deluser|setuser)$/i, client: /^kill$/i, module: /^unload$/i };
const REDIS_READ = /^(get|mget|keys|scan|sscan|hscan|zscan|info|ping|echo|ttl|pttl|type|exists|strlen|hget|hgetall|hkeys|hvals|hlen|hexists|hmget|lrange|llen|lindex|smembers|scard|sismember|zrange|zrangebyscore|zrevrange|zcard|zscore|zrank|dbsize|time|lastsave|role|memory|object|slowlog|latency|monitor|subscribe|psubscribe|pubsub|xrange|xrevrange|xlen|xinfo|xread|bitcount|getbit|getrange|randomkey|dump|command|client|config|cluster|acl|module|hello|auth|select|geopos|geodist|georadius|pfcount|lpos|zcount|zlexcount|substr|lcs|touch|wait)$/;

function redisWords(inv: Invocation): string[] {
  const words: string[] = [];
  for (let i = 0; i < inv.args.length; i++) {
    const a = inv.args[i] ?? '';
    if (REDIS_VALUED.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-') && words.length === 0) continue;
    words.push(a);
  }
  return words;
}

function redisLine(words: readonly string[]): RuleHit {
  const verb = (words[0] ?? '').toLowerCase();
  const sub = words[1] ?? '';
  const key = words.slice(1).join(' ');
  if (REDIS_DESTROY.test(verb)) return { risk: 'destructive', effect: verb === 'shutdown' ? 'stop-service' : 'delete-keys', target: key || verb, explanation: `redis ${verb.toUpperCase()} ${key}`.trim() };
  const subRe = REDIS_DESTROY_SUB[verb];
  if (subRe?.test(sub)) return { risk: 'destructive', effect: 'change-server', target: words.slice(2).join(' ') || sub, explanation: `redis ${verb.toUpperCase()} ${sub.toUpperCase()}` };
  if (verb === 'eval' || verb === 'evalsha' || verb === 'fcall') return { risk: 'unknown', effect: 'run-script', explanation: `redis ${verb.toUpperCase()} runs a Lua script that can do anything` };
  if (REDIS_READ.test(verb)) return { risk: 'readonly', effect: 'read', explanation: `redis ${verb.toUpperCase()} reads` };
  return { risk: 'mutating', effect: 'write-keys', target: sub, explanation: `redis ${verb.toUpperCase()} writes` };
}

export const REDIS_TABLE: ToolTable = defineLocalTable({
  name: 'redis-cli',
  commands: ['redis-cli', 'valkey-cli', 'keydb-cli'],
  rules: [
    {
      id: 'redis-cli.command', risk: 'unknown', effect: 'redis',
      explain: 'redis-cli sends a command to the server',
      test: (inv) => {
        if (inv.args.some((a) => a === '--eval')) return { risk: 'unknown', effect: 'run-script', explanation: 'redis-cli --eval runs a Lua script file' };
        const cl = inv.args.indexOf('--cluster');
        if (cl >= 0) {
          // `--cluster call HOST:PORT CMD...` runs CMD on every node; del-node removes one.
          const sub = inv.args[cl + 1] ?? '';
          if (sub === 'call') return redisLine(inv.args.slice(cl + 3));
          if (sub === 'del-node') return { risk: 'destructive', effect: 'remove-node', target: inv.args.slice(cl + 2).join(' '), explanation: 'removes a node from the Redis cluster' };
          return /^(check|info|help)$/.test(sub) ? { risk: 'readonly', effect: 'read', explanation: `redis-cli --cluster ${sub} reads` } : { risk: 'mutating', effect: 'change-cluster', explanation: `redis-cli --cluster ${sub} changes the cluster` };
        }
        if (inv.args.some((a) => /^--(scan|bigkeys|memkeys|hotkeys|stat|latency.*|rdb|functions-rdb)$/.test(a))) return { risk: 'readonly', effect: 'read', explanation: 'redis-cli inspection mode' };
        const words = redisWords(inv);
        if (words.length > 0) return redisLine(words);
        if (inv.stdin !== undefined) return worstHit(inv.stdin.split('\n').filter((l) => l.trim() !== '').map((l) => redisLine(l.trim().split(/\s+/)))) ?? { risk: 'readonly', effect: 'read' };
        return { risk: 'unknown', effect: 'run-script', explanation: 'redis-cli reads commands from a terminal or pipe the classifier cannot see' };
      },
      examples: {
        match: ['redis-cli FLUSHALL', 'redis-cli -h cache -n 2 flushdb', 'redis-cli --cluster call 10.0.0.1:7000 FLUSHALL', 'redis-cli DEL session:42', 'redis-cli CONFIG SET appendonly no', 'redis-cli GET user:1', 'redis-cli shutdown'],
        no_match: ['redis-cli --version'],
      },
    },
  ],
  fallback: 'readonly',
});

// Mongo shell JavaScript: verbs that drop or empty collections, then writes, then reads.
// Like SQL's DELETE/UPDATE without WHERE: an empty filter touches every document.
const MONGO_DESTROY = /\.(dropDatabase|drop|dropIndexes|dropUser|dropAllUsers|dropRole|renameCollection)\s*\(|\.(deleteMany|remove)\s*\(\s*(\{\s*\})?\s*\)|\.updateMany\s*\(\s*\{\s*\}\s*,|\.shutdownServer\s*\(/;
const MONGO_WRITE = /\.(insert\w*|update\w*|replaceOne|deleteOne|deleteMany|remove|findOneAndUpdate|findOneAndDelete|findOneAndReplace|createCollection|createIndex\w*|createUser|bulkWrite|save|rename\w*|adminCommand|runCommand)\s*\(/;
const MONGO_READ = /^[\s;]*(?:(?:printjson|print|console\.log)?\s*\(?\s*(?:db|rs|sh)\.[\w.]*(?:find\w*|count\w*|aggregate|getCollectionNames|getCollectionInfos|stats|getName|getIndexes|distinct|status|serverStatus|version|hello|isMaster|listCollections|explain|getUsers)\s*\([^;]*\)[\w.()]*\)?\s*;?\s*)+$|^\s*(show\s+\w+|use\s+\w+|db\.version\(\))\s*;?\s*$/;

function mongoScript(js: string): RuleHit {
  if (MONGO_DESTROY.test(js)) return { risk: 'destructive', effect: 'drop-collection', explanation: 'the script drops a database or collection, or deletes every document' };
  if (/\$where|\beval\b|Function\(|load\(|require\(|runProgram|run\(/.test(js)) return { risk: 'unknown', effect: 'run-script', explanation: 'the script runs code the classifier cannot follow' };
  if (MONGO_WRITE.test(js)) return { risk: 'mutating', effect: 'write-documents', explanation: 'the script writes documents' };
  if (MONGO_READ.test(js)) return { risk: 'readonly', effect: 'read', explanation: 'the script only reads' };
  return { risk: 'unknown', effect: 'run-script', explanation: 'the script could not be recognised as read-only' };
}

export const MONGO_TABLE: ToolTable = defineLocalTable({
  name: 'mongosh',
  commands: ['mongosh', 'mongo'],
  rules: [
    {
      id: 'mongosh.script', risk: 'unknown', effect: 'run-script',
      explain: 'the mongo shell runs JavaScript against the database',
      test: (inv) => {
        const p = parseArgs(inv.args, { valued: ['--eval', '--file', '-f', '--host', '--port', '-u', '--username', '-p', '--password', '--authenticationDatabase', '--tlsCAFile'] });
        const evals = vals(p, '--eval');
        const files = [...vals(p, '--file', '-f'), ...p.pos.filter((a) => /\.js$/.test(a))];
        const hits = evals.map(mongoScript);
        if (files.length > 0) hits.push({ risk: 'unknown', effect: 'run-script', explanation: `runs the script ${files.join(' ')}, which the classifier cannot see` });
        if (hits.length === 0 && inv.stdin !== undefined) hits.push(mongoScript(inv.stdin));
        if (hits.length === 0) hits.push({ risk: 'unknown', effect: 'run-script', explanation: 'an interactive mongo shell runs whatever it is fed' });
        return worstHit(hits);
      },
      examples: {
        match: ['mongosh app --eval "db.dropDatabase()"', 'mongosh --eval "db.users.deleteMany({})"', "mongosh --eval 'db.users.updateMany({}, {$unset: {email: 1}})'", "mongosh --eval 'db.users.find({}).limit(5)'", 'mongo app --eval "db.orders.updateMany({a:1},{$set:{b:2}})"'],
        no_match: ['mongosh --version'],
      },
    },
  ],
  fallback: 'readonly',
});

function leadingKeywordHit(stmt: string): RuleHit | null {
  const w = stmt.trim().split(/\s+/).slice(0, 2).map((x) => x.toLowerCase());
  if (w[0] === 'drop' || w[0] === 'truncate') return { risk: 'destructive', effect: `${w[0]}-${w[1] ?? ''}`, explanation: `${w[0]?.toUpperCase()} ${w[1]?.toUpperCase() ?? ''} removes data` };
  if (w[0] === 'delete' && !/\bwhere\b/i.test(stmt)) return { risk: 'destructive', effect: 'delete-rows', explanation: 'DELETE without WHERE removes every row' };
  if (w[0] === 'alter' && /\b(drop|delete)\b/i.test(stmt)) return { risk: 'destructive', effect: 'alter-drop', explanation: 'ALTER ... DROP/DELETE removes data' };
  return null;
}

function cqlOrClickhouse(inv: Invocation, ctx: ToolContext): RuleHit | null {
  const isCh = inv.name.startsWith('clickhouse');
  const p = parseArgs(inv.args, { valued: isCh ? ['-q', '--query', '-h', '--host', '--port', '-u', '--user', '--password', '-d', '--database', '--queries-file', '--format', '-f'] : ['-e', '--execute', '-f', '--file', '-u', '--username', '-p', '--password', '-k', '--keyspace', '--cqlversion', '--request-timeout', '--connect-timeout'], noClusters: false });
  const text = vals(p, ...(isCh ? ['-q', '--query'] : ['-e', '--execute']));
  const files = vals(p, ...(isCh ? ['--queries-file'] : ['-f', '--file']));
  const hits: RuleHit[] = [];
  for (const t of [...text, ...(inv.stdin !== undefined && text.length === 0 ? [inv.stdin] : [])]) {
    for (const stmt of t.split(';').filter((s) => s.trim() !== '')) {
      const lead = leadingKeywordHit(stmt);
      if (lead) hits.push(lead);
      else if (/^\s*(select|show|describe|desc|use|explain|exists|list)\b/i.test(stmt)) hits.push({ risk: 'readonly', effect: 'read', explanation: 'reads' });
      else hits.push(isCh ? sqlHit(ctx, stmt, 'mysql', inv.name) : { risk: 'mutating', effect: 'write', explanation: 'CQL statement that writes' });
    }
  }
  for (const f of files) hits.push({ risk: 'unknown', effect: 'run-script', explanation: `runs the script ${f}, which the classifier cannot see` });
  if (hits.length === 0) hits.push({ risk: 'unknown', effect: 'run-script', explanation: `${inv.name} reads statements from a terminal or pipe the classifier cannot see` });
  return worstHit(hits);
}

export const CQL_TABLE: ToolTable = defineLocalTable({
  name: 'cqlsh',
  commands: ['cqlsh', 'clickhouse-client', 'clickhouse'],
  rules: [
    {
      id: 'cqlsh.statement', risk: 'unknown', effect: 'sql',
      explain: 'runs CQL or ClickHouse statements',
      test: cqlOrClickhouse,
      examples: {
        match: ['cqlsh -e "DROP KEYSPACE shop"', 'clickhouse-client --query "TRUNCATE TABLE events"', 'cqlsh -e "SELECT * FROM ks.t LIMIT 1"'],
        no_match: ['cqlsh --version', 'clickhouse-client --help'],
      },
    },
  ],
  fallback: 'readonly',
});
