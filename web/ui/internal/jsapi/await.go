//go:build js && wasm

package jsapi

import (
	"errors"
	"syscall/js"
)

// Await waits for the Promise p and returns its value, or its rejection as
// an error. It blocks the calling goroutine while the browser's event loop
// runs on: call it from a goroutine, never from an event handler.
func Await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	done := make(chan result, 1)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- result{v: arg0(args)}
		return nil
	})
	defer then.Release()
	catch := js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- result{err: Error(arg0(args))}
		return nil
	})
	defer catch.Release()
	p.Call("then", then, catch)
	r := <-done
	return r.v, r.err
}

func arg0(args []js.Value) js.Value {
	if len(args) == 0 {
		return js.Undefined()
	}
	return args[0]
}

// Error turns a thrown JavaScript value into an error: a GonnError gives
// "codeName: message", another Error its message, anything else its text.
func Error(v js.Value) error {
	if v.Type() != js.TypeObject || v.Get("message").Type() != js.TypeString {
		return errors.New(js.Global().Call("String", v).String())
	}
	msg := v.Get("message").String()
	if code := v.Get("codeName"); code.Type() == js.TypeString {
		return errors.New(code.String() + ": " + msg)
	}
	return errors.New(msg)
}

// Call calls the method of v and awaits the Promise it returns; a method
// that throws at once is an error too.
func Call(v js.Value, method string, args ...any) (res js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			jerr, ok := r.(js.Error) // what syscall/js panics with when JS throws
			if !ok {
				panic(r)
			}
			err = Error(jerr.Value)
		}
	}()
	return Await(v.Call(method, args...))
}

// ConsoleError writes msg to the browser's console as an error.
func ConsoleError(msg string) {
	js.Global().Get("console").Call("error", msg)
}
