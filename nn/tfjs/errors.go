package tfjs

import (
	"errors"
	"fmt"
)

// The kinds of failure, for errors.Is. Every error of this package wraps
// one of them, and its message names what was wrong: the file, the layer,
// the weight, the byte counts.
var (
	// ErrFormat: model.json is not JSON, or not the TF.js layers format
	// (a missing or mistyped key, a bad path, a negative extent).
	ErrFormat = errors.New("tfjs: malformed file")
	// ErrUnsupported: a layer class, option, dtype or model kind that gonn
	// (or, when saving, TF.js) does not have.
	ErrUnsupported = errors.New("tfjs: unsupported")
	// ErrMismatch: the weights manifest and the topology disagree (a weight
	// with no layer, a layer weight with no data, another shape, a name
	// given twice).
	ErrMismatch = errors.New("tfjs: manifest and topology disagree")
	// ErrShardSize: the weight files hold fewer or more bytes than the
	// manifest's weights need (truncated or padded shards, missing files).
	ErrShardSize = errors.New("tfjs: wrong weight file size")
	// ErrTooLarge: a size beyond the limits of limits.go, found before
	// anything of that size is allocated.
	ErrTooLarge = errors.New("tfjs: too large")
	// ErrNonFinite: a weight holds NaN or ±Inf (LoadOptions.AllowNonFinite
	// accepts it).
	ErrNonFinite = errors.New("tfjs: non-finite weight")
)

// failf returns an error wrapping kind, with a message that reads
// "tfjs: <message>".
func failf(kind error, format string, args ...any) error {
	return &kindError{kind: kind, msg: "tfjs: " + fmt.Sprintf(format, args...)}
}

// kindError is a message and the kind it is, for errors.Is.
type kindError struct {
	kind error
	msg  string
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.kind }

// isKind reports whether err is of one of the kinds above.
func isKind(err error) bool {
	for _, kind := range []error{ErrFormat, ErrUnsupported, ErrMismatch, ErrShardSize, ErrTooLarge, ErrNonFinite} {
		if errors.Is(err, kind) {
			return true
		}
	}
	return false
}

// recoverInto turns a panic under Load, LoadWeights or Save into an error,
// so that no file, however made, crashes the program that reads it. None
// is known: it is the last line of defence.
func recoverInto(err *error, what string) {
	if p := recover(); p != nil {
		*err = failf(ErrFormat, "%s failed inside gonn: %v", what, p)
	}
}
