package main

import "strconv"

// The page formats its numbers with strconv, not fmt: fmt adds about
// 0.45 MB (0.12 MB gzip) to ui/mnist.wasm.

// itoa formats an integer.
func itoa(i int) string { return strconv.Itoa(i) }

// fixed formats v with prec digits after the point: fixed(0.51946, 4) is "0.5195".
func fixed(v float64, prec int) string { return strconv.FormatFloat(v, 'f', prec, 64) }

// percent formats the fraction v as a percentage with prec digits after the
// point: percent(0.8726, 2) is "87.26 %".
func percent(v float64, prec int) string { return fixed(100*v, prec) + " %" }

// shortest formats v with as few digits as give it back exactly: the
// machine-readable values of the page (data-value attributes).
func shortest(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// wrapError is err with what was being done when it happened.
type wrapError struct {
	doing string
	err   error
}

// wrap returns err prefixed by doing and a colon: wrap("fetch x", err).
func wrap(doing string, err error) error { return &wrapError{doing, err} }

func (e *wrapError) Error() string { return e.doing + ": " + e.err.Error() }
func (e *wrapError) Unwrap() error { return e.err }
