//go:build js && wasm

package jsapi

import "syscall/js"

// Invoke calls the method of v and returns its result, awaited if it is a
// Promise (or another thenable): for methods that may answer at once or
// later. An exception thrown at once is an error, like a rejection.
func Invoke(v js.Value, method string, args ...any) (res js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			jerr, ok := r.(js.Error) // what syscall/js panics with when JS throws
			if !ok {
				panic(r)
			}
			err = Error(jerr.Value)
		}
	}()
	if v.Get(method).Type() != js.TypeFunction {
		return js.Value{}, &missingError{method}
	}
	res = v.Call(method, args...)
	if res.Type() == js.TypeObject && res.Get("then").Type() == js.TypeFunction {
		return Await(res)
	}
	return res, nil
}

// missingError says that this gonn.js has no such method.
type missingError struct{ method string }

func (e *missingError) Error() string { return e.method + " is missing from this gonn.js" }
