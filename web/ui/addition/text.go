package main

import (
	"math"
	"strconv"

	"gonn/web/ui/internal/format"
)

// count is "1 epoch", "2 epochs", "1,024 batches": n and the noun's form
// for n.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return format.Thousands(n) + " " + many
}

// parseFloat reads a data-value attribute; NaN if it is not a number.
func parseFloat(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

// hintMore suggests a longer run when fewer than 90 % of the held-out
// answers (accuracy, a data-value) are right.
func hintMore(accuracy string) string {
	if v := parseFloat(accuracy); !(v >= 0.9) {
		return " Keras gets 99 % right with 50,000 questions in 30 epochs: more questions and epochs help."
	}
	return ""
}

// orBlank is an answer as shown: "(blank)" for one of only spaces.
func orBlank(answer string) string {
	if answer == "" {
		return "(blank)"
	}
	return answer
}
