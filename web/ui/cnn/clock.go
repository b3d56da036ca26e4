package main

import "time"

// clock measures the time a run spends training: it runs from start or
// resume to the last batch reported, and stands still while the run is
// paused (a stop held by the engine).
type clock struct {
	total   time.Duration // of the segments that ended
	start   time.Time     // of the running segment
	last    time.Time     // the last batch of the running segment
	running bool
}

// resume starts a segment at now.
func (c *clock) resume(now time.Time) {
	c.start, c.last, c.running = now, now, true
}

// batch marks a batch done at now.
func (c *clock) batch(now time.Time) {
	if c.running {
		c.last = now
	}
}

// pause ends the segment at its last batch: the batch in progress when the
// stop came is counted when it reports, before the engine holds.
func (c *clock) pause() {
	if c.running {
		c.total += c.last.Sub(c.start)
		c.running = false
	}
}

// elapsed is the training time so far.
func (c *clock) elapsed() time.Duration {
	if c.running {
		return c.total + c.last.Sub(c.start)
	}
	return c.total
}

// rate is images per second of training time, 0 before any time passed.
func rate(images int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(images) / d.Seconds()
}
