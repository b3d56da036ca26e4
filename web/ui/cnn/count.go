package main

import "gonn/web/ui/internal/format"

// count is "1 epoch", "2 epochs", "1,024 images": n and the noun's form for n.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return format.Thousands(n) + " " + many
}
