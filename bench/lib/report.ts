/** The report: rows with a goal and a met/gap status, as a markdown table, and the chart as SVG. */

export type Status = 'met' | 'gap' | 'n/a' | 'info';

export interface Row {
	section: string;
	measure: string;
	ours: string;
	raw: string;
	http: string;
	/** The figure the goal is about (usually a ratio), as shown. */
	figure: string;
	goal: string;
	status: Status;
}

export const median = (values: number[]): number => {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const fmtInt = (n: number | undefined) =>
	n === undefined || !Number.isFinite(n) ? '—' : Math.round(n).toLocaleString('en-US');
export const fmtMs = (ms: number | undefined) =>
	ms === undefined || !Number.isFinite(ms)
		? '—'
		: ms >= 10_000
			? `${(ms / 1000).toFixed(1)} s`
			: ms >= 1000
				? `${(ms / 1000).toFixed(2)} s`
				: `${ms.toFixed(0)} ms`;
export const fmtMB = (bytes: number | undefined) =>
	bytes === undefined || !Number.isFinite(bytes) ? '—' : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const fmtRatio = (r: number | undefined) =>
	r === undefined || !Number.isFinite(r) ? '—' : `${r.toFixed(2)}×`;
export const status = (ok: boolean | undefined): Status =>
	ok === undefined ? 'n/a' : ok ? 'met' : 'gap';

const esc = (text: string) => text.replace(/\|/g, '\\|');

export function markdownTable(rows: Row[]): string {
	const header = [
		'Benchmark',
		'Measure',
		'Ours (node)',
		'Raw HTTP loop',
		'n8n HTTP Request',
		'Figure',
		'Goal',
		'Status',
	];
	const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
	for (const r of rows) {
		lines.push(
			`| ${[r.section, r.measure, r.ours, r.raw, r.http, r.figure, r.goal, r.status].map(esc).join(' | ')} |`,
		);
	}
	return lines.join('\n');
}

export interface ChartSeries {
	name: string;
	color: string;
	dashed?: boolean;
	/** [N, value] points. */
	points: Array<[number, number]>;
}

export interface ChartPanel {
	title: string;
	yLabel: string;
	series: ChartSeries[];
	/** Format of a y tick. */
	yFormat: (v: number) => string;
}

const xmlEscape = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Log-log line chart panels side by side (N on x), self-contained SVG. */
export function svgChart(title: string, panels: ChartPanel[], note: string): string {
	const panelW = 380;
	const panelH = 260;
	const margin = { left: 64, right: 16, top: 40, bottom: 44 };
	const legendH = 26 * 1;
	const width = panels.length * panelW + 20;
	const height = panelH + 70 + legendH;
	const out: string[] = [];
	out.push(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
		`<rect width="100%" height="100%" fill="#ffffff"/>`,
		`<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600">${xmlEscape(title)}</text>`,
	);
	const names = new Map<string, ChartSeries>();
	panels.forEach((panel, p) => {
		const x0 = 10 + p * panelW + margin.left;
		const y0 = 30 + margin.top;
		const w = panelW - margin.left - margin.right;
		const h = panelH - margin.top - margin.bottom;
		const xs = [...new Set(panel.series.flatMap((s) => s.points.map(([x]) => x)))].sort(
			(a, b) => a - b,
		);
		const ys = panel.series.flatMap((s) => s.points.map(([, y]) => y)).filter((y) => y > 0);
		if (xs.length === 0 || ys.length === 0) return;
		const lx = (v: number) => Math.log10(v);
		const xMin = lx(xs[0]) - 0.15;
		const xMax = lx(xs[xs.length - 1]) + 0.15;
		const yMin = Math.floor(Math.log10(Math.min(...ys)));
		const yMax = Math.ceil(Math.log10(Math.max(...ys)) + 0.05);
		const sx = (v: number) => x0 + ((lx(v) - xMin) / (xMax - xMin || 1)) * w;
		const sy = (v: number) => y0 + h - ((Math.log10(v) - yMin) / (yMax - yMin || 1)) * h;
		out.push(
			`<text x="${x0 + w / 2}" y="${y0 - 14}" text-anchor="middle" font-size="13" font-weight="600">${xmlEscape(panel.title)}</text>`,
		);
		out.push(`<rect x="${x0}" y="${y0}" width="${w}" height="${h}" fill="none" stroke="#ccc"/>`);
		for (let e = yMin; e <= yMax; e++) {
			const v = 10 ** e;
			const y = sy(v);
			out.push(
				`<line x1="${x0}" x2="${x0 + w}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#eee"/>`,
			);
			out.push(
				`<text x="${x0 - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end" fill="#555">${xmlEscape(panel.yFormat(v))}</text>`,
			);
		}
		for (const x of xs) {
			const px = sx(x);
			out.push(
				`<line x1="${px.toFixed(1)}" x2="${px.toFixed(1)}" y1="${y0}" y2="${y0 + h}" stroke="#eee"/>`,
			);
			out.push(
				`<text x="${px.toFixed(1)}" y="${y0 + h + 16}" text-anchor="middle" fill="#555">${x.toLocaleString('en-US')}</text>`,
			);
		}
		out.push(
			`<text x="${x0 + w / 2}" y="${y0 + h + 34}" text-anchor="middle" fill="#333">records (N, log scale)</text>`,
		);
		out.push(
			`<text transform="translate(${x0 - 48},${y0 + h / 2}) rotate(-90)" text-anchor="middle" fill="#333">${xmlEscape(panel.yLabel)}</text>`,
		);
		for (const s of panel.series) {
			const pts = s.points.filter(([, y]) => y > 0);
			if (pts.length === 0) continue;
			names.set(s.name, s);
			const d = pts
				.map(([x, y], i) => `${i ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`)
				.join(' ');
			out.push(
				`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5,4"' : ''}/>`,
			);
			for (const [x, y] of pts)
				out.push(
					`<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="3.5" fill="${s.color}"/>`,
				);
		}
	});
	let lx = 20;
	const ly = panelH + 40;
	for (const s of names.values()) {
		out.push(
			`<line x1="${lx}" x2="${lx + 24}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5,4"' : ''}/>`,
			`<text x="${lx + 30}" y="${ly + 4}">${xmlEscape(s.name)}</text>`,
		);
		lx += 40 + s.name.length * 6.5;
	}
	out.push(`<text x="20" y="${ly + 26}" fill="#666" font-size="11">${xmlEscape(note)}</text>`);
	out.push('</svg>');
	return out.join('\n') + '\n';
}
