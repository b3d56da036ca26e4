//go:build !js || !wasm

package main

import (
	"fmt"
	"os"
)

// main exists so that native builds of ./... succeed: the page runs only in
// a browser.
func main() {
	fmt.Fprintln(os.Stderr, "transfer is a web page UI: build it with GOOS=js GOARCH=wasm (go run ./cmd/build)")
	os.Exit(2)
}
