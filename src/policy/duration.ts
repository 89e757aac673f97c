// Durations in policy and config: a whole number of seconds, or "90s", "30m", "1h", "2d", "1h30m".

const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds, or null when the text is not a duration. */
export function parseDuration(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v > 0 ? v : null;
  if (typeof v !== 'string') return null;
  const text = v.trim();
  if (!/^(\d+[smhd])+$/.test(text)) return /^\d+$/.test(text) && Number(text) > 0 ? Number(text) : null;
  let total = 0;
  for (const m of text.matchAll(/(\d+)([smhd])/g)) total += Number(m[1]) * UNIT[m[2]!]!;
  return total > 0 ? total : null;
}
