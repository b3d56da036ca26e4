//go:build wasip1 || js

package mnist

import (
	"errors"
	"runtime"
)

// goModuleDir fails: there is no go command to run under wasip1 or js.
func goModuleDir() (string, error) {
	return "", errors.New("no go command under " + runtime.GOOS)
}
