// DROP in PostgreSQL. Objects that hold data (tables, schemas, databases, sequences, roles...)
// are destructive; objects that are code or can be rebuilt from what remains (indexes, views,
// functions, triggers, policies) are mutating — unless CASCADE, which can take data-holding
// dependants with them (DROP TYPE ... CASCADE drops the columns of that type).
import type { Finding } from '../../core/index.js';
import { sqlFinding } from './finding.js';
import { dottedName, list, rangeVarName, unwrap, type Fields } from './pg-node.js';

const HOLDS_DATA = new Set([
  'OBJECT_TABLE',
  'OBJECT_SCHEMA',
  'OBJECT_SEQUENCE',
  'OBJECT_MATVIEW',
  'OBJECT_FOREIGN_TABLE',
  'OBJECT_EXTENSION',
  'OBJECT_TYPE',
  'OBJECT_DOMAIN',
  'OBJECT_LARGEOBJECT',
  'OBJECT_PUBLICATION',
  'OBJECT_FOREIGN_SERVER',
]);

function objectLabel(removeType: string): string {
  return removeType.replace(/^OBJECT_/, '').toLowerCase().replace(/_/g, ' ');
}

function objectName(o: unknown): string {
  const u = unwrap(o);
  if (!u) return '?';
  const [t, f] = u;
  if (t === 'List') return dottedName(f.items);
  if (t === 'String') return String(f.sval);
  if (t === 'TypeName') return dottedName(f.names);
  if (t === 'ObjectWithArgs') return dottedName(f.objname);
  if (t === 'RangeVar') return rangeVarName(o) ?? '?';
  return '?';
}

export function dropFindings(f: Fields): Finding[] {
  const removeType = String(f.removeType ?? '');
  const label = objectLabel(removeType);
  const cascade = f.behavior === 'DROP_CASCADE';
  const dataLoss = HOLDS_DATA.has(removeType) || cascade;
  const rule = `drop-${label.replace(/ /g, '-')}`;
  const names = list(f.objects).map(objectName);
  return names.map((name) =>
    dataLoss
      ? sqlFinding(rule, 'destructive', `drop-${label.replace(/ /g, '-')}`, `DROP ${label.toUpperCase()} ${name}${cascade ? ' CASCADE' : ''} deletes it and everything stored in it${cascade ? ' and in objects that depend on it' : ''}`, name)
      : sqlFinding(rule, 'mutating', `drop-${label.replace(/ /g, '-')}`, `DROP ${label.toUpperCase()} ${name} removes a definition that holds no rows; it can be recreated`, name),
  );
}
