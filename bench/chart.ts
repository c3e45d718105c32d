/**
 * The bench's results as a picture (docs/bench.svg, shown in the README): one row per measure with a target, its
 * value as a bar beside its floor, its target and, where measured, stock json-server's value. Each row has its own
 * logarithmic scale, so 2 ms beside json-server's 800 ms still reads.
 */
import type { Results } from './results';

const WIDTH = 820;
const LABEL = 250;
const BAR = WIDTH - LABEL - 30;
const ROW = 54;
const TOP = 78;
const COLOURS = { met: '#2e7d32', missed: '#d84315', floor: '#757575', target: '#1565c0', stock: '#9e9e9e' };

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const number = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : String(n));

const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export function chart({ results, machine, date, conditions1m }: Results): string {
  const runs = [`100k run ${minute(date)}`];
  if (conditions1m && typeof conditions1m.date === 'string') runs.push(`1m run ${minute(conditions1m.date)}`);
  const caption = `${machine.cores} cores (${machine.cpu}), Node ${machine.node}; ${runs.join(', ')}`;
  const rows = Object.entries(results).filter(([, m]) => m.target !== null && m.value !== null);
  const height = TOP + rows.length * ROW + 20;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="22" font-size="15" font-weight="600">npm run bench: each measure beside its floor, its target and stock json-server</text>`,
    `<text x="10" y="40" fill="#555">${xml(caption)} · each row on its own logarithmic scale</text>`,
  ];
  const legend: [string, string][] = [
    [COLOURS.met, 'measured, target met'],
    [COLOURS.missed, 'measured, target missed'],
    [COLOURS.stock, 'stock json-server'],
    [COLOURS.floor, 'floor (dashed)'],
    [COLOURS.target, 'target'],
  ];
  let at = 10;
  for (const [colour, label] of legend) {
    parts.push(`<rect x="${at}" y="51" width="12" height="10" fill="${colour}"/>`);
    parts.push(`<text x="${at + 17}" y="60" fill="#333">${label}</text>`);
    at += 17 + label.length * 6.5 + 20;
  }
  rows.forEach(([key, m], i) => {
    const y = TOP + i * ROW;
    const limit = Number(m.target!.replace(/[^\d.]/g, ''));
    const values = [m.value!, limit, m.floor, m.stock].filter((v): v is number => v !== undefined && v > 0);
    const lo = Math.min(...values) / 2;
    const hi = Math.max(...values) * 1.6;
    const x = (v: number) => LABEL + (BAR * Math.log(Math.max(v, lo) / lo)) / Math.log(hi / lo);
    parts.push(`<text x="10" y="${y + 14}" font-family="ui-monospace, monospace">${xml(key)}</text>`);
    parts.push(
      `<text x="10" y="${y + 31}" font-weight="600" fill="${m.met ? COLOURS.met : COLOURS.missed}">${number(m.value!)} ${xml(m.unit)} <tspan font-weight="400" fill="#555">(target ${xml(m.target!)} ${xml(m.unit)})</tspan></text>`,
    );
    parts.push(`<rect x="${LABEL}" y="${y + 4}" width="${BAR}" height="30" fill="#f5f5f5"/>`);
    parts.push(
      `<rect x="${LABEL}" y="${y + 6}" width="${x(m.value!) - LABEL}" height="14" fill="${m.met ? COLOURS.met : COLOURS.missed}"/>`,
    );
    if (m.stock !== undefined) {
      parts.push(`<rect x="${LABEL}" y="${y + 24}" width="${x(m.stock) - LABEL}" height="8" fill="${COLOURS.stock}"/>`);
      parts.push(
        `<text x="${Math.min(x(m.stock) + 4, WIDTH - 150)}" y="${y + 46}" fill="#555">json-server ${number(m.stock)} ${xml(m.unit)}</text>`,
      );
    }
    if (m.floor !== undefined) {
      parts.push(
        `<line x1="${x(m.floor)}" x2="${x(m.floor)}" y1="${y + 2}" y2="${y + 36}" stroke="${COLOURS.floor}" stroke-width="2" stroke-dasharray="3 2"/>`,
      );
      parts.push(
        `<text x="${x(m.floor) + 3}" y="${y + 46}" fill="${COLOURS.floor}">floor ${number(m.floor)} ${xml(m.unit)}</text>`,
      );
    }
    parts.push(
      `<line x1="${x(limit)}" x2="${x(limit)}" y1="${y}" y2="${y + 38}" stroke="${COLOURS.target}" stroke-width="2"/>`,
    );
    parts.push(`<text x="${x(limit) + 3}" y="${y + 2}" fill="${COLOURS.target}">${xml(m.target!)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
