package main

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"gonn/nn/tensor"
)

// Status codes, as docs/abi.md lists them.
const (
	statusOK            int32 = 0
	statusBadArgument   int32 = 1
	statusUnknownHandle int32 = 2
	statusShape         int32 = 3
	statusNonFinite     int32 = 4
	statusNotReady      int32 = 5
	statusTooLarge      int32 = 6
	statusBusy          int32 = 7
	statusInternal      int32 = 99
)

// statusNames are the codes' names in docs/abi.md.
var statusNames = map[int32]string{
	statusOK:            "ok",
	statusBadArgument:   "bad_argument",
	statusUnknownHandle: "unknown_handle",
	statusShape:         "shape",
	statusNonFinite:     "non_finite",
	statusNotReady:      "not_ready",
	statusTooLarge:      "too_large",
	statusBusy:          "busy",
	statusInternal:      "internal",
}

// apiError is an error with its status code.
type apiError struct {
	code int32
	msg  string
}

func (e *apiError) Error() string { return e.msg }

// fail returns an error with the given status code.
func fail(code int32, format string, args ...any) error {
	return &apiError{code, fmt.Sprintf(format, args...)}
}

// withCode gives err the status code, unless it has one.
func withCode(code int32, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := errors.AsType[*apiError](err); ok {
		return err
	}
	return &apiError{code, err.Error()}
}

// statusOf is the status code for err: its own, shape for the engine's
// shape errors, bad_argument for the rest (nn returns errors for bad input;
// its bugs panic, and panics are internal).
func statusOf(err error) int32 {
	switch e, ok := errors.AsType[*apiError](err); {
	case ok:
		return e.code
	case errors.Is(err, tensor.ErrShape):
		return statusShape
	}
	return statusBadArgument
}

// guard runs one export's body: it clears the last call's error and result,
// turns an error into the engine's error state and a status, and recovers
// any panic, so that none escapes to kill the instance. A panic wrapping
// tensor.ErrShape is a shape error; any other is internal.
//
// For gonn_alloc and gonn_free (memoryCall), the last call's error and
// result stay as they were unless the body fails: a host frees its argument
// blocks after a call and then reads the call's error or result.
func (e *Engine) guard(op string, memoryCall bool, body func() error) (status int32) {
	if !memoryCall {
		e.errCode, e.errMsg = statusOK, nil
		e.clearResult()
	}
	defer func() {
		if r := recover(); r != nil {
			status = e.setError(op, panicError(r))
		}
		if status != statusOK && !memoryCall {
			e.clearResult()
		}
	}()
	if err := body(); err != nil {
		return e.setError(op, err)
	}
	return statusOK
}

// setError records err, from the export op, as the last error and returns
// its status. The message starts with the export's name and is valid UTF-8
// (docs/abi.md), even when it quotes bytes of a bad argument.
func (e *Engine) setError(op string, err error) int32 {
	msg := strings.ToValidUTF8(err.Error(), "\uFFFD")
	if !strings.HasPrefix(msg, op+":") {
		msg = op + ": " + msg
	}
	e.errCode, e.errMsg = statusOf(err), []byte(msg)
	return e.errCode
}

// panicError describes a recovered panic: a shape error as itself, anything
// else as an engine bug with the place it happened.
func panicError(r any) error {
	if err, ok := r.(error); ok && errors.Is(err, tensor.ErrShape) {
		return err
	}
	stack := string(debug.Stack())
	const max = 4 << 10
	if len(stack) > max {
		stack = stack[:max] + "\n…"
	}
	return fail(statusInternal, "internal error (a bug in the engine; please report it): panic: %v\n%s",
		r, strings.TrimSpace(stack))
}
