package main

import (
	"time"

	"gonn/web/ui/internal/format"
)

// The page's words for numbers, with strconv (format), not fmt.

// clip shortens s to at most n characters, marking the cut with "…".
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// sizeText is a file size for people: "812 bytes", "3.2 MB".
func sizeText(bytes int) string {
	switch {
	case bytes < 1000:
		return count(bytes, "byte", "bytes")
	case bytes < 1000*1000:
		return format.Fixed(float64(bytes)/1000, 1) + " kB"
	}
	return format.Fixed(float64(bytes)/1e6, 1) + " MB"
}

// count is "1 row", "2 rows", "1,024 rows": n and the noun's form for n.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return format.Thousands(n) + " " + many
}

// signed is a margin in points with its sign: "+37.5", "-1.2", "0.0".
func signed(points float64) string {
	switch s := format.Fixed(points, 1); {
	case s == "0.0" || s == "-0.0":
		return "0.0"
	case points > 0:
		return "+" + s
	default:
		return s
	}
}

// seconds is a duration for people: "0.4 s" under ten seconds, "12 s"
// above.
func seconds(d time.Duration) string {
	if s := d.Seconds(); s < 9.95 {
		return format.Fixed(s, 1) + " s"
	}
	return format.Fixed(d.Seconds(), 0) + " s"
}
