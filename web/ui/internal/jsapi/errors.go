package jsapi

// wrapError is err with what was being done when it happened.
type wrapError struct {
	doing string
	err   error
}

// Wrap returns err prefixed by doing and a colon: Wrap("fetch x", err).
func Wrap(doing string, err error) error { return &wrapError{doing, err} }

func (e *wrapError) Error() string { return e.doing + ": " + e.err.Error() }
func (e *wrapError) Unwrap() error { return e.err }
