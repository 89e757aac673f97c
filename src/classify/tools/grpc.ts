// gRPC clients (grpcurl, evans' CLI mode): the RPC's method name says what it does, the way an
// HTTP path does (http-intent.ts): `acme.Users/DeleteUser` deletes, `list` / `describe` read.
import { parseArgs } from './argv.js';
import { destructivePathWord } from './http-intent.js';
import { defineTable } from './table.js';
import { rule } from './verbs.js';
import type { ToolTable } from './types.js';

const VALUED = ['-d', '-H', '-rpc-header', '-reflect-header', '-import-path', '-proto', '-protoset', '-authority', '-cert', '-key', '-cacert', '-servername', '-connect-timeout', '-max-time', '-format', '-user-agent', '-max-msg-sz', '-unix'];

export const GRPCURL: ToolTable = defineTable({
  name: 'grpcurl',
  commands: ['grpcurl'],
  rules: [
    rule('grpcurl.call', 'mutating', 'rpc-call', 'calls an RPC; a method named for deleting, purging or shutting down is destructive', (inv) => {
      const p = parseArgs(inv.args, { valued: VALUED, noClusters: true });
      const last = p.pos[p.pos.length - 1] ?? '';
      if (p.pos.includes('list') || p.pos.includes('describe')) return { risk: 'readonly', effect: 'read', explanation: 'grpcurl list/describe: reads the service description' };
      if (!last.includes('/')) return null;
      const method = last.slice(last.lastIndexOf('/') + 1);
      if (destructivePathWord(`/${method}`) !== undefined) return { risk: 'destructive', effect: 'rpc-delete', target: last, explanation: `grpcurl ${last}: the method deletes or takes something out` };
      if (/^(Get|List|Describe|Search|Find|Read|Watch|Check|Health|Query|Lookup|Count|Stream)/.test(method)) return { risk: 'readonly', effect: 'read', target: last, explanation: `grpcurl ${last}: a reading method` };
      return { target: last, explanation: `grpcurl ${last}: calls a method that may change state` };
    }, { match: ["grpcurl -d '{\"id\":7}' api.example.org:443 acme.users.v1.Users/DeleteUser", 'grpcurl -plaintext localhost:50051 list'], no_match: ['grpcurl -version'] }),
  ],
  fallback: 'readonly',
});
