// A small line chart on a <canvas>, shared by the widgets and the notebook.
//
//   drawChart(canvas, {
//     series: [{name: 'loss', y: [0.9, 0.5, 0.3], color: '#b54708'},
//              {name: 'target', x: xs, y: ys, color: '#1d4ed8', dots: true}],
//     logY: true,         // a log scale (values ≤ 0 are left out)
//     xLabel: 'epoch',
//   });
//
// A series without x is drawn against its index (0, 1, 2, …). Non-finite
// values are skipped. The canvas is sized to its CSS box times the device
// pixel ratio, so it stays sharp; draw again after the data change.

const font = '11px system-ui, sans-serif';
const pad = {left: 46, right: 10, top: 10, bottom: 24};

/** Draws the chart spec on canvas (see the file comment). */
export function drawChart(canvas, spec) {
  const ctx = canvas.getContext('2d');
  const {w, h} = fitCanvas(canvas, ctx);
  ctx.clearRect(0, 0, w, h);
  const series = (spec.series ?? []).map((s) => ({...s, pts: points(s, spec.logY)}));
  const all = series.flatMap((s) => s.pts);
  if (all.length === 0) {
    ctx.fillStyle = '#475467';
    ctx.font = font;
    ctx.fillText(spec.empty ?? 'no data yet', pad.left, h / 2);
    return;
  }
  const xr = range(all.map((p) => p.x));
  const yr = range(all.map((p) => p.y));
  const sx = (x) => pad.left + ((x - xr.lo) / (xr.hi - xr.lo)) * (w - pad.left - pad.right);
  const sy = (y) => h - pad.bottom - ((y - yr.lo) / (yr.hi - yr.lo)) * (h - pad.top - pad.bottom);
  axes(ctx, w, h, xr, yr, sy, spec);
  for (const s of series) {
    ctx.strokeStyle = ctx.fillStyle = s.color ?? '#1d4ed8';
    ctx.lineWidth = 2;
    if (s.dots) {
      for (const p of s.pts) ctx.fillRect(sx(p.x) - 1.5, sy(p.y) - 1.5, 3, 3);
      continue;
    }
    ctx.beginPath();
    s.pts.forEach((p, i) => (i ? ctx.lineTo(sx(p.x), sy(p.y)) : ctx.moveTo(sx(p.x), sy(p.y))));
    ctx.stroke();
  }
  legend(ctx, w, series);
}

// fitCanvas sizes the canvas' bitmap to its box and returns the box in CSS pixels.
function fitCanvas(canvas, ctx) {
  const dpr = globalThis.devicePixelRatio || 1;
  const w = canvas.clientWidth || canvas.width;
  const h = canvas.clientHeight || canvas.height;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return {w, h};
}

// points turns a series into finite {x, y}, y as log10 on a log scale.
function points(s, logY) {
  const out = [];
  const ys = s.y ?? [];
  for (let i = 0; i < ys.length; i++) {
    const x = s.x ? s.x[i] : i;
    let y = ys[i];
    if (logY) y = y > 0 ? Math.log10(y) : NaN;
    if (Number.isFinite(x) && Number.isFinite(y)) out.push({x, y});
  }
  return out;
}

function range(vs) {
  let lo = Math.min(...vs);
  let hi = Math.max(...vs);
  if (hi - lo < 1e-12) {
    lo -= 0.5;
    hi += 0.5;
  }
  return {lo, hi};
}

function axes(ctx, w, h, xr, yr, sy, spec) {
  ctx.strokeStyle = '#d0d5dd';
  ctx.lineWidth = 1;
  ctx.strokeRect(pad.left, pad.top, w - pad.left - pad.right, h - pad.top - pad.bottom);
  ctx.fillStyle = '#475467';
  ctx.font = font;
  ctx.textAlign = 'right';
  for (const y of [yr.lo, (yr.lo + yr.hi) / 2, yr.hi]) {
    ctx.fillText(label(spec.logY ? 10 ** y : y), pad.left - 4, sy(y) + 4);
  }
  ctx.textAlign = 'left';
  ctx.fillText(label(xr.lo), pad.left, h - 8);
  ctx.textAlign = 'right';
  ctx.fillText(`${spec.xLabel ? spec.xLabel + ' ' : ''}${label(xr.hi)}`, w - pad.right, h - 8);
  ctx.textAlign = 'left';
}

function legend(ctx, w, series) {
  let x = pad.left + 6;
  for (const s of series) {
    if (!s.name) continue;
    ctx.fillStyle = s.color ?? '#1d4ed8';
    ctx.fillRect(x, pad.top + 5, 10, 3);
    ctx.fillStyle = '#1d2939';
    ctx.fillText(s.name, x + 13, pad.top + 10);
    x += 20 + ctx.measureText(s.name).width;
    if (x > w - 40) break;
  }
}

/** A short label for an axis value. */
export function label(v) {
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(1);
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(3)));
}
