// The widgets' stylesheet, one constructed CSSStyleSheet shared by every
// shadow root. A constructed sheet is neither an inline <style> nor a
// style="" attribute, so a Content-Security-Policy without
// 'unsafe-inline' (the site's own) allows it, and it needs no extra file.
//
// Page authors restyle a widget through its custom properties
// (--gonn-accent, --gonn-loss, --gonn-ink, --gonn-line, --gonn-soft,
// --gonn-radius, --gonn-font) and its parts (::part(status), …).

const css = `
:host {
  --accent: var(--gonn-accent, #1d4ed8);
  --loss: var(--gonn-loss, #b54708);
  --ink: var(--gonn-ink, #000);
  --line: var(--gonn-line, #d0d5dd);
  --soft: var(--gonn-soft, #eef2f6);
  --muted: #475467;
  --radius: var(--gonn-radius, 8px);
  display: block;
  max-width: 44rem;
  font: var(--gonn-font, 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif);
  color: #1d2939;
  background: #fff;
  border: 1px solid var(--line);
  border-radius: var(--radius);
  padding: 0.9rem 1rem;
  box-sizing: border-box;
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
h3 { font-size: 1rem; margin: 0 0 0.5rem; }
figure { margin: 0; }
figcaption { font-size: 0.85rem; color: var(--muted); }
.row { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: flex-start; }
.stack { display: grid; gap: 0.5rem; }
button, input, select { font: inherit; color: inherit; }
button {
  padding: 0.3rem 0.8rem;
  border-radius: 6px;
  border: 1px solid #98a2b3;
  background: #fff;
  cursor: pointer;
  font-weight: 600;
}
button:hover:not(:disabled) { background: var(--soft); }
button[aria-pressed="true"], button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
button:disabled { cursor: not-allowed; opacity: 0.55; }
input, select { padding: 0.25rem 0.4rem; border: 1px solid #98a2b3; border-radius: 6px; background: #fff; }
input[aria-invalid="true"] { border-color: #b42318; outline: 2px solid #b42318; }
label { font-weight: 600; font-size: 0.92rem; }
.status { margin: 0.5rem 0 0; color: var(--muted); font-size: 0.92rem; min-height: 1.4em; }
:host([data-state="error"]) .status { color: #b42318; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
progress { width: 100%; height: 0.8rem; accent-color: var(--accent); }

/* grids of numbers (gonn-convolution) */
table.grid { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.8rem; }
table.grid caption { font-weight: 600; text-align: left; padding-bottom: 0.25rem; font-size: 0.9rem; }
table.grid td { border: 1px solid var(--line); min-width: 2.2rem; height: 1.9rem; text-align: center; padding: 0 0.2rem; }
.kernel { display: grid; grid-template-columns: repeat(3, 3.6rem); gap: 0.25rem; }
.kernel input { width: 100%; text-align: center; }
.presets { display: flex; flex-wrap: wrap; gap: 0.35rem; }
.op { align-self: center; font-weight: 600; color: var(--muted); }

/* the drawing pad (gonn-draw-digit) */
canvas.pad {
  width: 196px; height: 196px;
  background: #fff; border: 2px solid var(--ink); border-radius: 6px;
  touch-action: none; cursor: crosshair;
}
.guess { font-size: 2.6rem; font-weight: 700; line-height: 1; min-width: 2ch; }
.bars { display: grid; grid-template-columns: auto 8rem 3.2rem; gap: 0.1rem 0.4rem; align-items: center; font-size: 0.85rem; }
.bars meter { width: 100%; }

/* charts (gonn-train-chart) */
canvas.chart { width: 100%; max-width: 20rem; height: 11rem; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.settings { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; color: var(--muted); font-size: 0.85rem; margin: 0.25rem 0 0.5rem; }
`;

let sheet = null;

/** The shared stylesheet, made on first use. */
export function widgetStyles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}
