// Block devices and file systems: dd, mkfs, wipefs, partitioners, volume managers, ZFS.
// Anything that writes a device or formats one erases everything on it.
import { has, parseArgs } from './argv.js';
import { classifyPath } from './paths.js';
import { defineLocalTable } from './table.js';
import { protectedPathRule } from './write-guard.js';
import type { Invocation, ToolTable } from './types.js';

const DEVICE = /^\/dev\/(sd|hd|vd|xvd|nvme|mmcblk|disk|rdisk|md|dm-|mapper\/|loop|sr|zd|nbd)/;
const HARMLESS_DEV = new Set(['/dev/null', '/dev/zero', '/dev/stdout', '/dev/stderr', '/dev/tty']);

function ddOutput(inv: Invocation): string | undefined {
  const of = inv.args.find((a) => a.startsWith('of='));
  return of?.slice(3);
}

export const DD_TABLE: ToolTable = defineLocalTable({
  name: 'dd',
  commands: ['dd'],
  rules: [
    {
      id: 'dd.device', risk: 'destructive', effect: 'overwrite-device',
      explain: 'dd writes straight onto a block device, erasing what is on it',
      test: (inv) => {
        const of = ddOutput(inv);
        return of !== undefined && (DEVICE.test(of) || (of.startsWith('/dev/') && !HARMLESS_DEV.has(of))) ? { target: of } : null;
      },
      examples: { match: ['dd if=/dev/zero of=/dev/sda bs=1M', 'dd if=image.iso of=/dev/disk2'], no_match: ['dd if=/dev/sda of=backup.img', 'dd if=/dev/urandom of=/dev/null count=1'] },
    },
    {
      id: 'dd.system-file', risk: 'destructive', effect: 'overwrite-files',
      explain: 'dd overwrites a file the operating system depends on',
      test: (inv) => {
        const of = ddOutput(inv);
        if (of === undefined || of.startsWith('/dev/')) return null;
        const { cls, norm } = classifyPath(of, false, inv.cwd);
        return cls === 'system' || cls === 'root' ? { target: norm } : null;
      },
      examples: { match: ['dd if=/dev/zero of=/boot/grub/grub.cfg'], no_match: ['dd if=/dev/zero of=./disk.img bs=1M count=10'] },
    },
    protectedPathRule('dd', (inv) => {
      const of = ddOutput(inv);
      return of === undefined || of.startsWith('/dev/') ? [] : [of];
    }, { match: ['dd if=/dev/zero of=~/.ssh/id_rsa', 'dd if=x of=.claude/settings.json'], no_match: ['dd if=/dev/zero of=./disk.img bs=1M count=10'] }),
  ],
  // Without of= dd writes to stdout; with a plain file it creates or overwrites that file.
  fallback: (inv) => {
    const of = ddOutput(inv);
    return of === undefined || HARMLESS_DEV.has(of) ? 'readonly' : 'mutating';
  },
});

export const MKFS_TABLE: ToolTable = defineLocalTable({
  name: 'mkfs',
  commands: ['mkfs', 'mkfs.ext2', 'mkfs.ext3', 'mkfs.ext4', 'mkfs.xfs', 'mkfs.btrfs', 'mkfs.vfat', 'mkfs.fat', 'mkfs.ntfs', 'mkfs.exfat', 'mkfs.f2fs', 'mke2fs', 'mkswap', 'newfs', 'newfs_apfs', 'blkdiscard'],
  rules: [
    {
      id: 'mkfs.format', risk: 'destructive', effect: 'format-device',
      explain: 'formatting a device erases everything on it',
      test: (inv) => {
        const dev = inv.args.find((a) => a.startsWith('/dev/') || (!a.startsWith('-') && a.includes('/')));
        if (dev) return { target: dev };
        return inv.args.some((a) => !a.startsWith('-')) ? true : null;
      },
      examples: { match: ['mkfs.ext4 /dev/sdb1', 'mkfs -t xfs /dev/nvme1n1', 'mkswap /dev/sdc2', 'blkdiscard /dev/nvme0n1'], no_match: ['mkfs.ext4 -V'] },
    },
  ],
  fallback: 'readonly',
});

export const WIPEFS_TABLE: ToolTable = defineLocalTable({
  name: 'wipefs',
  commands: ['wipefs'],
  rules: [
    {
      id: 'wipefs.erase', risk: 'destructive', effect: 'format-device',
      explain: 'wipefs erases file-system signatures, making the data unreachable',
      test: (inv) => {
        const p = parseArgs(inv.args, { valued: ['-o', '--offset', '-t', '--types', '-O', '--output', '-b', '--backup'] });
        if (has(p, '-n', '--no-act') || !has(p, '-a', '--all', '-o', '--offset')) return null;
        return p.pos.length > 0 ? { target: p.pos.join(' ') } : null;
      },
      examples: { match: ['wipefs -a /dev/sdb', 'wipefs --all /dev/sdb1'], no_match: ['wipefs /dev/sdb', 'wipefs -n -a /dev/sdb'] },
    },
  ],
  fallback: 'readonly',
});

// Partitioners: listing is readonly; anything else edits a partition table.
const PART_READ: Record<string, (inv: Invocation) => boolean> = {
  fdisk: (inv) => inv.args.some((a) => a === '-l' || a === '--list' || a === '-V'),
  sfdisk: (inv) => inv.args.some((a) => /^(-l|--list|-d|--dump|-s|--show-size|-V|--verify|--json|-J|--list-types|-T)$/.test(a)),
  cfdisk: () => false,
  gdisk: (inv) => inv.args.includes('-l'),
  sgdisk: (inv) => inv.args.every((a) => a.startsWith('/dev/') || /^(-p|--print|-i\d*|--info(=.*)?|-v|--verify|-V|--version|-O|--print-mbr)$/.test(a)),
  parted: (inv) => {
    const words = inv.args.filter((a) => !a.startsWith('-') && !a.startsWith('/dev/'));
    return inv.args.some((a) => a === '-l' || a === '--list') || (words.length > 0 && words.every((w) => w === 'print' || w === 'unit' || /^(s|b|kb|mb|gb|tb|%|cyl|chs|compact)$/i.test(w)));
  },
};

export const PARTITION_TABLE: ToolTable = defineLocalTable({
  name: 'partition',
  commands: Object.keys(PART_READ),
  rules: [
    {
      id: 'partition.write', risk: 'destructive', effect: 'edit-partition-table',
      explain: 'edits a partition table, which can make every file system on the disk unreadable',
      test: (inv) => {
        if (PART_READ[inv.name]?.(inv)) return null;
        const dev = inv.args.find((a) => a.startsWith('/dev/'));
        return dev ? { target: dev } : null;
      },
      examples: {
        match: ['parted -s /dev/sdb mklabel gpt', 'sgdisk --zap-all /dev/sda', 'fdisk /dev/sdb', 'sfdisk /dev/sdb'],
        no_match: ['fdisk -l', 'parted -l', 'parted /dev/sda print', 'sgdisk -p /dev/sda', 'sfdisk --list'],
      },
    },
  ],
  fallback: 'readonly',
});

// Volume managers and pool file systems: removing a volume, group or pool loses its data.
const REMOVERS: Record<string, RegExp> = {
  lvremove: /.*/, vgremove: /.*/, pvremove: /.*/,
  zpool: /^(destroy|labelclear)$/, zfs: /^(destroy|rollback)$/,
  cryptsetup: /^(luksFormat|erase|luksErase|luksKillSlot|luksRemoveKey)$/,
  mdadm: /^(--zero-superblock|--remove|--fail)$/,
};

export const VOLUME_TABLE: ToolTable = defineLocalTable({
  name: 'volumes',
  commands: Object.keys(REMOVERS),
  rules: [
    {
      id: 'volumes.destroy', risk: 'destructive', effect: 'destroy-volume',
      explain: 'removes a volume, pool or encrypted container and the data on it',
      test: (inv) => {
        const re = REMOVERS[inv.name];
        if (!re) return null;
        if (['lvremove', 'vgremove', 'pvremove'].includes(inv.name)) return inv.args.some((a) => !a.startsWith('-')) ? { target: inv.args.filter((a) => !a.startsWith('-')).join(' ') } : null;
        const verb = inv.args.find((a) => (inv.name === 'mdadm' ? a.startsWith('--') : !a.startsWith('-')));
        return verb !== undefined && re.test(verb) ? { target: inv.args.filter((a) => !a.startsWith('-')).slice(1).join(' ') || verb } : null;
      },
      examples: {
        match: ['lvremove -f vg0/data', 'zpool destroy tank', 'zfs destroy -r tank/home', 'cryptsetup luksFormat /dev/sdb1', 'mdadm --zero-superblock /dev/sdb'],
        no_match: ['zpool status', 'zfs list', 'cryptsetup status root', 'lvremove --help'],
      },
    },
  ],
  fallback: (inv) => (inv.args.length === 0 || /^(status|list|get|iostat|show|info|--detail|-D|luksDump)$/.test(inv.args.find((a) => !a.startsWith('-') || inv.name === 'mdadm') ?? '') ? 'readonly' : 'mutating'),
});

// Firmware-level erase commands: the drive wipes itself, faster and more thoroughly than dd.
export const DEVICE_ERASE_TABLE: ToolTable = defineLocalTable({
  name: 'device-erase',
  commands: ['nvme', 'hdparm', 'sg_format', 'sg_sanitize', 'flashrom'],
  rules: [
    {
      id: 'device-erase.erase', risk: 'destructive', effect: 'erase-device',
      explain: 'tells a drive to erase or reformat itself, or rewrites firmware',
      test: (inv) => {
        const dev = inv.args.find((a) => a.startsWith('/dev/')) ?? '';
        if (inv.name === 'nvme') return /^(format|sanitize|delete-ns|detach-ns|fw-download|fw-commit)$/.test(inv.args[0] ?? '') ? { target: dev || (inv.args[0] ?? '') } : null;
        if (inv.name === 'hdparm') return inv.args.some((a) => /^--(security-erase|security-erase-enhanced|trim-sector-ranges|make-bad-sector|write-sector|fwdownload|dco-restore)/.test(a)) ? { target: dev } : null;
        if (inv.name === 'flashrom') return inv.args.some((a) => a === '-w' || a === '--write' || a === '-E' || a === '--erase') ? { target: 'firmware' } : null;
        return dev ? { target: dev } : null;
      },
      examples: { match: ['nvme format /dev/nvme0n1 --ses=1', 'hdparm --security-erase pass /dev/sda', 'sg_format --format /dev/sg1', 'flashrom -p internal -w bios.rom'], no_match: ['nvme list', 'hdparm -I /dev/sda', 'flashrom -p internal -r backup.rom'] },
    },
  ],
  fallback: (inv) => (inv.name === 'nvme' && /^(list|id-ctrl|id-ns|smart-log|error-log|list-ns|show-regs|version|help)$/.test(inv.args[0] ?? '') || inv.name === 'hdparm' || inv.name === 'flashrom' ? 'readonly' : 'mutating'),
});
