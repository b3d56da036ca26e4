//go:build !wasip1 && !js

package mnist

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// goModuleDir asks the go command where the GoMNIST module is and returns
// its data folder.
func goModuleDir() (string, error) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("no go command: %w", err)
	}
	root := moduleRoot()

	var info struct {
		Dir   string
		Error any // a string from go mod download, an object from go list
	}
	out, listErr := runGo(goCmd, root, "list", "-m", "-json", GoMNISTModule)
	if listErr == nil {
		if err := json.Unmarshal(out, &info); err != nil {
			listErr = fmt.Errorf("go list -m -json %s: decoding its output: %w", GoMNISTModule, err)
		}
	}
	if listErr != nil || info.Dir == "" {
		// Not in the module cache yet, or not a dependency of the module
		// the go command runs in: fetch the pinned version.
		info.Dir, info.Error = "", nil
		mod := GoMNISTModule + "@" + GoMNISTVersion
		out, err := runGo(goCmd, root, "mod", "download", "-json", mod)
		if err == nil {
			if jerr := json.Unmarshal(out, &info); jerr != nil {
				err = fmt.Errorf("go mod download -json %s: decoding its output: %w", mod, jerr)
			} else if info.Dir == "" {
				err = fmt.Errorf("go mod download -json %s: no Dir in its output (error: %v)", mod, info.Error)
			}
		}
		if err != nil {
			if listErr != nil {
				return "", errors.Join(listErr, err)
			}
			return "", err
		}
	}

	data := filepath.Join(info.Dir, "data")
	if st, err := os.Stat(data); err != nil {
		return "", fmt.Errorf("module %s at %s: %w", GoMNISTModule, info.Dir, err)
	} else if !st.IsDir() {
		return "", fmt.Errorf("module %s at %s: %s is not a folder", GoMNISTModule, info.Dir, data)
	}
	return data, nil
}

// runGo runs the go command in dir (the current folder if empty) and
// returns its standard output; a failure's error holds its standard error.
func runGo(goCmd, dir string, args ...string) ([]byte, error) {
	cmd := exec.Command(goCmd, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = strings.TrimSpace(string(out))
		}
		return nil, fmt.Errorf("go %s: %w: %s", strings.Join(args, " "), err, msg)
	}
	return out, nil
}

// gonnModule is the module path in gonn's go.mod.
const gonnModule = "gonn"

// moduleRoot returns gonn's module root: the folder holding gonn's go.mod,
// searched upward from the working directory and then from this source
// file's folder. It returns "" (the working directory) if neither finds it.
func moduleRoot() string {
	if wd, err := os.Getwd(); err == nil {
		if root := FindModuleRoot(wd); root != "" {
			return root
		}
	}
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		if root := FindModuleRoot(filepath.Dir(file)); root != "" {
			return root
		}
	}
	return ""
}

// FindModuleRoot returns the nearest folder at or above dir whose go.mod
// declares module gonn, or "". (cmd/build finds the module root with it too.)
func FindModuleRoot(dir string) string {
	for {
		if modulePath(filepath.Join(dir, "go.mod")) == gonnModule {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// modulePath returns the module path declared by the go.mod file at path,
// or "" if it cannot be read.
func modulePath(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "module" {
			return strings.Trim(fields[1], `"`)
		}
	}
	return ""
}
