// Timestamps as the offices read them: the JSON API sends ISO-8601 UTC ("2026-12-03T08:40:00Z");
// pages show China time (Asia/Shanghai, UTC+8, no daylight saving) as "YYYY-MM-DD HH:MM". The
// one web formatter; its C++ twin for spreadsheets is anju::FormatChinaTime (core/china_time.h).

/** China is UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/**
 * An ISO timestamp from the server as China time "YYYY-MM-DD HH:MM"; "—" for none; text that
 * is not a timestamp is shown as it is. A value without a zone ("2026-12-03 08:40:00", SQLite's
 * shape) is read as UTC, as the server stores it.
 */
export function fmtAt(iso) {
  if (!iso) return '—';
  let text = String(iso);
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) text = `${text.replace(' ', 'T')}Z`;
  const d = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(d.getTime())) return String(iso);
  return new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
