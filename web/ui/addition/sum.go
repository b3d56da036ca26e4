package main

import (
	"errors"
	"strconv"
	"strings"

	"gonn/nn/datasets/addition"
	"gonn/web/ui/internal/format"
)

// parseSum reads a sum as the user types it, "535+61": two whole numbers
// of at most digits digits (leading zeros aside: "007" is 7) with a plus
// between them; spaces are ignored. The error says what is wrong.
func parseSum(text string, digits int) (a, b int, err error) {
	s := strings.ReplaceAll(text, " ", "")
	if s == "" {
		return 0, 0, errors.New("type a sum, such as 535+61")
	}
	left, right, ok := strings.Cut(s, "+")
	if !ok || strings.Contains(right, "+") {
		return 0, 0, errors.New("a sum is two numbers with one + between them, such as 535+61")
	}
	if a, err = parseTerm(left, digits); err != nil {
		return 0, 0, err
	}
	if b, err = parseTerm(right, digits); err != nil {
		return 0, 0, err
	}
	return a, b, nil
}

// parseTerm reads one number of a sum.
func parseTerm(t string, digits int) (int, error) {
	if t == "" {
		return 0, errors.New("a number is missing on one side of the +")
	}
	for _, c := range t {
		if c < '0' || c > '9' {
			return 0, errors.New("“" + string(c) + "” is not a digit: the model adds whole numbers")
		}
	}
	if n := len(strings.TrimLeft(t, "0")); n > digits {
		return 0, errors.New("the model adds numbers of up to " + format.Itoa(digits) + " digits; " + t + " has " + format.Itoa(n))
	}
	return strconv.Atoi(t)
}

// question is a+b as the model reads it: "a+b" padded with spaces to
// cfg.QueryLen() characters, reversed if cfg.Reverse, exactly as
// addition.Generate writes its questions.
func question(a, b int, cfg addition.Config) string {
	q := strconv.Itoa(a) + "+" + strconv.Itoa(b)
	q += strings.Repeat(" ", cfg.QueryLen()-len(q))
	if cfg.Reverse {
		q = reverse(q)
	}
	return q
}

// shown is a question of the model as people read it: "535+61".
func shown(q string, reversed bool) string {
	if reversed {
		q = reverse(q)
	}
	return strings.TrimSpace(q)
}

// reverse reverses an ASCII string.
func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}
