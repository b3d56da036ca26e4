package pages

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMNIST_TouchPad draws on the pad with a finger on an emulated phone:
// the 28×28 preview shows the stroke, and with no model yet the prediction
// panel asks for one.
func TestMNIST_TouchPad(t *testing.T) {
	base := serveSite(t)
	b := newBrowser(t, time.Minute)
	ctx := b.ctx
	require.NoError(t, chromedp.Do(ctx,
		chromedp.EmulateViewport(412, 900, chromedp.EmulateTouch, chromedp.EmulateMobile),
		chromedp.Navigate(base+"mnist.html"),
	))
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`!document.getElementById('train').disabled`,
		chromedp.WithPollingTimeout(time.Minute)))
	require.NoError(t, err)

	pad := padRect(t, ctx)
	require.NoError(t, chromedp.Do(ctx, touchStroke(pad, [][2]float64{{0.5, 0.15}, {0.5, 0.85}}))) // a 1
	ink, err := chromedp.Run(ctx, chromedp.Poll[float64](previewInk, chromedp.WithPollingTimeout(10*time.Second)))
	require.NoError(t, err, "the preview shows the stroke")
	assert.Greater(t, ink, 20.0)
	verdict, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("prediction")))
	require.NoError(t, err)
	assert.Contains(t, verdict, "Train a model first")
	b.screenshot(t, "mnist-phone.png")
	assert.Empty(t, b.problems(), "console errors or uncaught exceptions")
}

// previewInk is JavaScript that sums the 28×28 preview's pixels (0 … 1
// each; 0, which Poll does not accept, becomes null).
const previewInk = `(() => {
	const d = document.getElementById('preview').getContext('2d').getImageData(0, 0, 28, 28).data;
	let s = 0; for (let i = 0; i < d.length; i += 4) s += d[i];
	return s / 255 || null; })()`

// rect is an element's box in the viewport, in CSS pixels.
type rect struct{ X, Y, Width, Height float64 }

// at returns the point at the fractions p of r.
func (r rect) at(p [2]float64) (x, y float64) { return r.X + p[0]*r.Width, r.Y + p[1]*r.Height }

// padRect scrolls the drawing pad into view and returns its box.
func padRect(t *testing.T, ctx context.Context) rect {
	t.Helper()
	require.NoError(t, chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.ID("pad"))))
	r, err := chromedp.Run(ctx, chromedp.Evaluate[rect](`(() => {
		const r = document.getElementById('pad').getBoundingClientRect();
		return {X: r.x, Y: r.y, Width: r.width, Height: r.height}; })()`))
	require.NoError(t, err)
	return r
}

// path returns the points along the polyline through points (fractions of
// r), about 8 pixels apart.
func path(r rect, points [][2]float64) [][2]float64 {
	x0, y0 := r.at(points[0])
	out := [][2]float64{{x0, y0}}
	for _, p := range points[1:] {
		x1, y1 := r.at(p)
		n := max(1, int(math.Hypot(x1-x0, y1-y0)/8))
		for i := 1; i <= n; i++ {
			f := float64(i) / float64(n)
			out = append(out, [2]float64{x0 + f*(x1-x0), y0 + f*(y1-y0)})
		}
		x0, y0 = x1, y1
	}
	return out
}

// mouseStroke drags the mouse, left button down, along points (fractions of r).
func mouseStroke(r rect, points [][2]float64) chromedp.Action[chromedp.Void] {
	ps := path(r, points)
	last := ps[len(ps)-1]
	steps := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent(chromedp.MousePressed, ps[0][0], ps[0][1], chromedp.ButtonLeft, chromedp.ClickCount(1))}
	for _, p := range ps[1:] {
		steps = append(steps, chromedp.MouseEvent(chromedp.MouseMoved, p[0], p[1], chromedp.ButtonLeft))
	}
	steps = append(steps, chromedp.MouseEvent(chromedp.MouseReleased, last[0], last[1], chromedp.ButtonLeft, chromedp.ClickCount(1)))
	return chromedp.Steps(steps...)
}

// touchStroke moves one finger along points (fractions of r).
func touchStroke(r rect, points [][2]float64) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		id := 0.0
		touch := func(typ input.DispatchTouchEventType, p [2]float64) error {
			ev := input.DispatchTouchEventParams{Type: typ, TouchPoints: []*input.TouchPoint{{X: p[0], Y: p[1], ID: &id}}}
			if typ == input.DispatchTouchEventTypeTouchEnd {
				ev.TouchPoints = []*input.TouchPoint{} // an end has no points
			}
			_, err := cdp.Call(ctx, t, input.DispatchTouchEvent, ev)
			return err
		}
		ps := path(r, points)
		if err := touch(input.DispatchTouchEventTypeTouchStart, ps[0]); err != nil {
			return err
		}
		for _, p := range ps[1:] {
			if err := touch(input.DispatchTouchEventTypeTouchMove, p); err != nil {
				return err
			}
		}
		return touch(input.DispatchTouchEventTypeTouchEnd, ps[len(ps)-1])
	})
}
