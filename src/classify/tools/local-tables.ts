// Tables for local tools: files, system, git, containers, database CLIs, package managers, network.
//
// Judgements these tables make (DESIGN.md "Classification"), so reviewers can disagree with one
// line instead of reverse-engineering rules:
// - Deletes are judged by where they point (paths.ts): build/cache/temp dirs are mutating; the
//   working dir, "..", home, system and any other recursive delete are destructive; a computed
//   path is unknown. `find -delete` and `find -exec rm` are judged the same way by the find root.
// - git: losing uncommitted work (reset --hard/--merge, checkout/restore of paths, clean -f,
//   switch -f) or remote history (push --force, --force-with-lease, +ref, --delete, :ref,
//   --mirror, --prune) is destructive; a plain push, fetch, rebase or amend is mutating.
// - Stopping, killing or removing running containers/services takes them out: destructive.
//   Volumes hold data; images and build cache are regenerable (mutating).
// - Database CLIs are as dangerous as the SQL they carry; SQL they cannot see (-f file, a pipe
//   from elsewhere, an interactive session) is unknown.
// - Publishing a package is mutating (nothing is lost); unpublishing or yanking is destructive.
// - Wrappers inside a table (docker exec/run, find -exec, npx/bundle exec, tmux, at, crontab)
//   hand the carried command back to the walker through ToolContext.
import { TAR_TABLE, UNZIP_TABLE } from './archive.js';
import { BORG_TABLE, RCLONE_TABLE, RESTIC_TABLE, SSH_KEYS_TABLE, VELERO_TABLE } from './backup.js';
import { AWK_TABLE, CREATE_TABLE, MAN_TABLE, READONLY_TABLE, SED_TABLE, SORT_TABLE } from './coreutils.js';
import { DB_DROP_TABLE, DB_DUMP_TABLE, DB_RESTORE_TABLE, MYSQLADMIN_TABLE } from './db-admin.js';
import { DB_OPS_TABLE, KV_TABLE, SQL_SHELLS_TABLE } from './db-more.js';
import { MYSQL_TABLE, PSQL_TABLE, SQLITE_TABLE } from './db-cli.js';
import { CQL_TABLE, MONGO_TABLE, REDIS_TABLE } from './db-nosql.js';
import { DD_TABLE, DEVICE_ERASE_TABLE, MKFS_TABLE, PARTITION_TABLE, VOLUME_TABLE, WIPEFS_TABLE } from './disks.js';
import { BUILDAH_TABLE, DOCKER_TABLE } from './docker.js';
import { EDITOR_TABLE } from './editors.js';
import { FIND_TABLE } from './find.js';
import { RM_TABLE, RMDIR_TABLE, SHRED_TABLE } from './fs-delete.js';
import { CHMOD_TABLE, CP_TABLE, LN_TABLE, MV_TABLE, TEE_TABLE, TRUNCATE_TABLE } from './fs-write.js';
import { COUNTERSIGN_TABLE } from './countersign.js';
import { GIT_TABLE } from './git.js';
import { MIGRATIONS_TABLE } from './migrations.js';
import { PACKAGES_TABLE } from './packages.js';
import { FANOUT_TABLE, SCHEDULE_TABLE } from './schedule.js';
import { RSYNC_TABLE, SCP_TABLE } from './sync.js';
import { CRONTAB_TABLE, POWER_TABLE, SERVICE_TABLE, SYSTEMCTL_TABLE, USERS_TABLE } from './system.js';
import { FIREWALL_TABLE, KILL_TABLE, MOUNT_TABLE, NETWORK_TABLE } from './system-runtime.js';
import type { ToolTable } from './types.js';
import { VM_TABLE } from './vm.js';

export const LOCAL_TABLES: ToolTable[] = [
  // files
  RM_TABLE, RMDIR_TABLE, SHRED_TABLE, FIND_TABLE, MV_TABLE, CP_TABLE, LN_TABLE, TEE_TABLE, TRUNCATE_TABLE, CHMOD_TABLE,
  DD_TABLE, MKFS_TABLE, WIPEFS_TABLE, PARTITION_TABLE, VOLUME_TABLE, DEVICE_ERASE_TABLE, TAR_TABLE, UNZIP_TABLE,
  READONLY_TABLE, MAN_TABLE, CREATE_TABLE, SORT_TABLE, SED_TABLE, AWK_TABLE, EDITOR_TABLE,
  // system
  SYSTEMCTL_TABLE, SERVICE_TABLE, POWER_TABLE, CRONTAB_TABLE, USERS_TABLE, KILL_TABLE, FIREWALL_TABLE, NETWORK_TABLE, MOUNT_TABLE, SCHEDULE_TABLE, FANOUT_TABLE,
  // git and containers
  GIT_TABLE, DOCKER_TABLE, BUILDAH_TABLE, VM_TABLE,
  // database CLIs
  PSQL_TABLE, MYSQL_TABLE, SQLITE_TABLE, REDIS_TABLE, MONGO_TABLE, CQL_TABLE, DB_DROP_TABLE, DB_DUMP_TABLE, DB_RESTORE_TABLE, MYSQLADMIN_TABLE, SQL_SHELLS_TABLE, KV_TABLE, DB_OPS_TABLE,
  // package managers and build tools
  PACKAGES_TABLE, MIGRATIONS_TABLE,
  // backup and remote copy
  RSYNC_TABLE, SCP_TABLE, RCLONE_TABLE, RESTIC_TABLE, BORG_TABLE, VELERO_TABLE, SSH_KEYS_TABLE,
  // the guard itself
  COUNTERSIGN_TABLE,
];
