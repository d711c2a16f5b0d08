/** bench/results.svg, written by hand: the throughput ratios (log scale) and the scale curve. */
import { floorRps, rps, type Report } from './report.ts';
import { OPERATIONS } from './suite.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const text = (x: number, y: number, s: string, attrs = '') => `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${esc(s)}</text>`;
const COLORS = { floor: '#6b7280', 'cognito-local': '#2563eb', moto: '#d97706', code: '#059669', user: '#7c3aed', rss: '#dc2626' } as const;
const label = (r: number) => (r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(2)}×`);

function ratiosPanel(r: Report, x0: number, y0: number, w: number, h: number): string[] {
  const out: string[] = [];
  const series: { key: keyof typeof COLORS; name: string; other: (op: (typeof OPERATIONS)[number]) => number | undefined }[] = [
    { key: 'floor', name: 'Cognate / floor', other: (op: (typeof OPERATIONS)[number]) => floorRps(r, op, 32) },
    ...r.peers.map((p) => ({ key: p.name as 'cognito-local' | 'moto', name: `Cognate / ${p.name}`, other: (op: (typeof OPERATIONS)[number]) => rps(r, p.name, op, 32) })),
  ];
  const lo = 0.01;
  const hi = 1000;
  const left = x0 + 190;
  const width = w - 200;
  const xOf = (v: number) => left + (width * (Math.log10(Math.min(hi, Math.max(lo, v))) - Math.log10(lo))) / (Math.log10(hi) - Math.log10(lo));
  out.push(text(x0, y0 + 16, 'Throughput ratios at 32 connections (log scale)', 'font-weight="bold"'));
  for (const tick of [0.01, 0.1, 1, 10, 100, 1000]) {
    out.push(`<line x1="${xOf(tick)}" y1="${y0 + 30}" x2="${xOf(tick)}" y2="${y0 + h - 20}" stroke="${tick === 1 ? '#111' : '#ddd'}"/>`);
    out.push(text(xOf(tick), y0 + h - 6, `${tick}×`, 'text-anchor="middle" font-size="11"'));
  }
  const band = (h - 60) / OPERATIONS.length;
  const bar = Math.min(14, (band - 8) / series.length);
  OPERATIONS.forEach((op, i) => {
    const top = y0 + 36 + i * band;
    out.push(text(x0, top + (series.length * bar) / 2 + 4, op === 'GetUserAttributeVerificationCode' ? 'GetUserAttributeVerif…Code' : op, 'font-size="12"'));
    const mine = rps(r, 'Cognate', op, 32);
    series.forEach((s, j) => {
      const other = s.other(op);
      const y = top + j * bar;
      if (!mine || !other) {
        out.push(text(left + 4, y + bar - 3, `${s.name}: not measured`, 'font-size="10" fill="#999"'));
        return;
      }
      const v = mine / other;
      const a = xOf(Math.min(1, v));
      const b = xOf(Math.max(1, v));
      out.push(`<rect x="${a.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, b - a).toFixed(1)}" height="${(bar - 2).toFixed(1)}" fill="${COLORS[s.key] ?? '#999'}"/>`);
      out.push(text(b + 3, y + bar - 4, label(v), 'font-size="10"'));
    });
  });
  series.forEach((s, j) => {
    const lx = left + j * 130;
    out.push(`<rect x="${lx}" y="${y0 + h + 2}" width="10" height="10" fill="${COLORS[s.key] ?? '#999'}"/>`, text(lx + 14, y0 + h + 11, s.name, 'font-size="11"'));
  });
  return out;
}

function scalePanel(r: Report, x0: number, y0: number, w: number, h: number): string[] {
  const out: string[] = [text(x0, y0 + 16, 'Scale: 32 connections, users in the pool', 'font-weight="bold"')];
  const pts = r.scale;
  if (pts.length === 0) return out;
  const left = x0 + 50;
  const right = x0 + w - 50;
  const top = y0 + 36;
  const bottom = y0 + h - 24;
  const maxRps = Math.max(...pts.flatMap((p) => [p.getCode.rps, p.getUser.rps])) * 1.15;
  const maxRss = Math.max(250, ...pts.map((p) => Math.max(p.getCode.peakRssMb, p.getUser.peakRssMb))) * 1.1;
  const xOf = (i: number) => left + ((right - left) * (i + 0.5)) / pts.length;
  const yRps = (v: number) => bottom - ((bottom - top) * v) / maxRps;
  const yRss = (v: number) => bottom - ((bottom - top) * v) / maxRss;
  out.push(`<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#111"/>`, `<line x1="${left}" y1="${top}" x2="${left}" y2="${bottom}" stroke="#111"/>`, `<line x1="${right}" y1="${top}" x2="${right}" y2="${bottom}" stroke="${COLORS.rss}"/>`);
  for (let k = 0; k <= 4; k++) {
    const v = (maxRps * k) / 4;
    out.push(`<line x1="${left}" y1="${yRps(v)}" x2="${right}" y2="${yRps(v)}" stroke="#eee"/>`, text(left - 4, yRps(v) + 4, v >= 1000 ? `${(v / 1000).toFixed(1)}k` : v.toFixed(0), 'text-anchor="end" font-size="10"'));
    out.push(text(right + 4, yRss((maxRss * k) / 4) + 4, `${((maxRss * k) / 4).toFixed(0)}`, `font-size="10" fill="${COLORS.rss}"`));
  }
  out.push(text(left - 40, top - 8, 'req/s', 'font-size="11"'), text(right - 10, top - 8, 'RSS MB', `font-size="11" fill="${COLORS.rss}"`));
  out.push(`<line x1="${left}" y1="${yRss(250)}" x2="${right}" y2="${yRss(250)}" stroke="${COLORS.rss}" stroke-dasharray="2 4"/>`, text(left + 4, yRss(250) - 3, '250 MB', `font-size="10" fill="${COLORS.rss}"`));
  const line = (ys: number[], color: string, dash = '') =>
    `<polyline fill="none" stroke="${color}" stroke-width="2" ${dash ? `stroke-dasharray="${dash}"` : ''} points="${ys.map((y, i) => `${xOf(i).toFixed(1)},${y.toFixed(1)}`).join(' ')}"/>` +
    ys.map((y, i) => `<circle cx="${xOf(i).toFixed(1)}" cy="${y.toFixed(1)}" r="3" fill="${color}"/>`).join('');
  out.push(line(pts.map((p) => yRps(p.getCode.rps)), COLORS.code), line(pts.map((p) => yRps(p.getUser.rps)), COLORS.user));
  out.push(line(pts.map((p) => yRss(Math.max(p.getCode.peakRssMb, p.getUser.peakRssMb))), COLORS.rss, '6 4'));
  pts.forEach((p, i) => {
    out.push(text(xOf(i), bottom + 14, p.users >= 1e6 ? `${p.users / 1e6}M users` : `${p.users / 1000}k users`, 'text-anchor="middle" font-size="11"'));
    out.push(text(xOf(i) + 5, yRps(p.getCode.rps) - 6, p.getCode.rps.toFixed(0), `font-size="10" fill="${COLORS.code}"`));
    out.push(text(xOf(i) + 5, yRps(p.getUser.rps) - 6, p.getUser.rps.toFixed(0), `font-size="10" fill="${COLORS.user}"`));
  });
  [['GetUserAttributeVerificationCode', COLORS.code], ['GetUser', COLORS.user], ['peak RSS (MB)', COLORS.rss]].forEach(([name, color], j) => {
    const lx = x0 + 10 + j * 165;
    out.push(`<rect x="${lx}" y="${y0 + h + 2}" width="10" height="10" fill="${color}"/>`, text(lx + 14, y0 + h + 11, name, 'font-size="11"'));
  });
  return out;
}

export function chart(r: Report): string {
  const W = 1100;
  const H = 380;
  const m = r.machine;
  const body = [
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    ...ratiosPanel(r, 10, 10, 560, 310),
    ...scalePanel(r, 600, 10, 490, 310),
    text(10, H - 12, `Cognate benchmark ${r.date.slice(0, 10)}${r.quick ? ' (quick)' : ''} · ${m.cpus} CPUs ${m.cpu} · Node ${m.node} · SQLite ${m.sqlite}`, 'font-size="11" fill="#555"'),
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">\n${body.join('\n')}\n</svg>\n`;
}
