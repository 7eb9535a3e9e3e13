// Shared bits of the services pages (services.js).
import { currentLang, t, tEnum } from '../../i18n.js';

export const TODAY_CHINA = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
export const tally = (s) => (s ? (currentLang() === 'zh' ? s.text_zh : s.text_en) : '') || t('services.none');
export const yuan = (fen) => (fen === null || fen === undefined ? '—' : `${(fen / 100).toFixed(0)}`);
export const enumLabel = (kind, v) => tEnum(kind, v);
