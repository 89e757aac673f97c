// PostgreSQL statements other than DML, DROP and EXPLAIN. Readonly and mutating by type; the rest
// is decided by what the statement does. A type not listed is unknown.
import type { Finding } from '../../core/index.js';
import { sqlFinding } from './finding.js';
import { list, rangeVarName, unwrap, type Fields } from './pg-node.js';
import { pgAlterFindings } from './pg-alter.js';

const READONLY = new Set([
  'TransactionStmt', 'VariableShowStmt', 'VariableSetStmt', 'DiscardStmt', 'LockStmt', 'PrepareStmt',
  'DeallocateStmt', 'ListenStmt', 'UnlistenStmt', 'DeclareCursorStmt', 'FetchStmt', 'ClosePortalStmt',
  'CheckPointStmt', 'ConstraintsSetStmt',
]);

const MUTATING = new Set([
  'NotifyStmt', 'VacuumStmt', 'ReindexStmt', 'ClusterStmt', 'RefreshMatViewStmt', 'CommentStmt',
  'SecLabelStmt', 'GrantStmt', 'GrantRoleStmt', 'RenameStmt', 'ViewStmt', 'IndexStmt', 'RuleStmt',
  'CreateTableAsStmt', 'ReassignOwnedStmt', 'CompositeTypeStmt', 'DefineStmt', 'ImportForeignSchemaStmt',
  'AlterDefaultPrivilegesStmt', 'AlterOwnerStmt', 'AlterObjectSchemaStmt', 'CreateFunctionStmt',
]);

// DROP-like statements with their own node types. All of them lose something not cheaply rebuilt.
const DESTRUCTIVE: Record<string, [string, string]> = {
  DropdbStmt: ['drop-database', 'DROP DATABASE deletes the database and all its data'],
  DropRoleStmt: ['drop-role', 'DROP ROLE removes login roles and what they were granted'],
  DropOwnedStmt: ['drop-owned', 'DROP OWNED drops every object the roles own'],
  DropTableSpaceStmt: ['drop-tablespace', 'DROP TABLESPACE removes a storage location'],
  DropSubscriptionStmt: ['drop-subscription', 'DROP SUBSCRIPTION stops replication and drops its slot'],
  DropUserMappingStmt: ['drop-user-mapping', 'DROP USER MAPPING removes stored remote credentials'],
};

// ALTER TABLE sub-commands that lose data or a guarantee the data depends on.
const ALTER_DESTRUCTIVE: Record<string, string> = {
  AT_DropColumn: 'drops a column and its data',
  AT_DropConstraint: 'drops a constraint that protects the data',
};

export function pgOtherFindings(t: string, f: Fields): Finding[] {
  if (READONLY.has(t)) return [sqlFinding(kebab(t), 'readonly', 'session', `${label(t)} changes nothing that persists`)];
  const d = DESTRUCTIVE[t];
  if (d) return [sqlFinding(d[0], 'destructive', d[0], d[1], String(f.dbname ?? f.tablespacename ?? f.subname ?? '') || undefined)];
  if (t === 'AlterTableStmt') return alterTable(f);
  const alter = pgAlterFindings(t, f);
  if (alter) return alter;
  if ((t === 'AlterRoleStmt' || t === 'CreateRoleStmt') && grantsSuperuser(f)) {
    const role = String((f.role as Fields | undefined)?.rolename ?? f.role ?? '');
    return [sqlFinding('grant-superuser', 'destructive', 'grant-superuser', `makes ${role} a superuser: every permission check is off for it`, role)];
  }
  if (t === 'CopyStmt') return copy(f);
  if (t === 'LoadStmt') return [sqlFinding('load-library', 'unknown', 'load-library', `LOAD loads the native library ${String(f.filename ?? '')} into the server`.trim(), String(f.filename ?? '') || undefined)];
  if (t === 'CallStmt') return [sqlFinding('call', 'unknown', 'run-code', 'CALL runs a stored procedure whose effect is not visible here')];
  if (t === 'ExecuteStmt') return [sqlFinding('execute', 'unknown', 'run-code', 'EXECUTE runs a prepared statement whose text is not visible here')];
  if (t === 'CreateStmt' || t === 'CreateSchemaStmt' || t === 'CreatedbStmt') {
    return [sqlFinding('create', 'mutating', 'create', `${label(t)} creates ${rangeVarName(f.relation) ?? f.schemaname ?? f.dbname ?? 'an object'}`)];
  }
  if (MUTATING.has(t) || /^(Create|Alter|Define)/.test(t)) {
    return [sqlFinding(kebab(t), 'mutating', 'change-schema', `${label(t)} changes the database's definitions or settings`)];
  }
  return [sqlFinding('unrecognised', 'unknown', 'unrecognised', `${label(t)} is a statement the classifier does not know`)];
}

function grantsSuperuser(f: Fields): boolean {
  return list(f.options).some((o) => {
    const d = unwrap(o)?.[1];
    return d?.defname === 'superuser' && unwrap(d.arg)?.[1].boolval === true;
  });
}

function alterTable(f: Fields): Finding[] {
  const name = rangeVarName(f.relation);
  const out: Finding[] = [];
  for (const c of list(f.cmds)) {
    const cmd = unwrap(c)?.[1];
    const sub = String(cmd?.subtype ?? '');
    const why = ALTER_DESTRUCTIVE[sub];
    const target = cmd?.name ? `${name}.${String(cmd.name)}` : name;
    // `ALTER COLUMN c TYPE t USING NULL` (or any value not computed from a column) rewrites every value.
    const using = sub === 'AT_AlterColumnType' ? unwrap(cmd?.def)?.[1].raw_default : undefined;
    if (using !== undefined && !JSON.stringify(using).includes('"ColumnRef"')) {
      out.push(sqlFinding('alter-column-type-constant', 'destructive', 'rewrite-column', `ALTER TABLE ${name} ALTER COLUMN ${String(cmd?.name ?? '')} TYPE ... USING a value not computed from any column replaces every value in it`, target));
      continue;
    }
    if (why) out.push(sqlFinding(`alter-${kebab(sub.replace(/^AT_/, ''))}`, 'destructive', kebab(sub.replace(/^AT_/, '')), `ALTER TABLE ${name} ${why}`, target));
    else out.push(sqlFinding('alter-table', 'mutating', 'change-schema', `ALTER TABLE ${name} changes its definition`, name));
  }
  return out.length ? out : [sqlFinding('alter-table', 'mutating', 'change-schema', `ALTER TABLE ${name}`, name)];
}

function copy(f: Fields): Finding[] {
  const name = rangeVarName(f.relation) ?? 'a query';
  if (f.is_program) {
    return [sqlFinding('copy-program', 'unknown', 'run-program', `COPY ... PROGRAM runs a shell command on the database server: ${String(f.filename)}`, String(f.filename))];
  }
  if (f.is_from) return [sqlFinding('copy-from', 'mutating', 'insert-rows', `COPY FROM loads rows into ${name}`, name)];
  if (typeof f.filename === 'string') {
    return [sqlFinding('copy-to-file', 'destructive', 'write-server-file', `COPY TO writes (and overwrites) the server file ${f.filename}`, f.filename)];
  }
  return [sqlFinding('copy-to-stdout', 'readonly', 'read', `COPY TO STDOUT reads ${name}`, name)];
}

function kebab(t: string): string {
  return t.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1-$2').replace(/_/g, '-').toLowerCase();
}

function label(t: string): string {
  return t.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}
