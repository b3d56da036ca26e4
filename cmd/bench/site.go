package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"gonn/cmd/build/dist"
)

// buildSite builds gonn's site with cmd/build's dist.Build (no data packs:
// the benchmark makes its own data) into dir/dist and returns that folder.
func buildSite(root, dir string) (string, error) {
	out := filepath.Join(dir, "dist")
	var log bytes.Buffer
	if _, err := dist.Build(dist.Options{Root: root, Out: out, SkipData: true, CacheDir: dist.DefaultCacheDir(), Log: &log}); err != nil {
		return "", fmt.Errorf("building dist/: %w\n%s", err, log.Bytes())
	}
	return out, nil
}

// installPeers runs npm ci in tools/bench when its node_modules is missing
// and returns the node_modules folder.
func installPeers(root string) (string, error) {
	dir := filepath.Join(root, "tools", "bench")
	modules := filepath.Join(dir, "node_modules")
	if _, err := os.Stat(modules); err == nil {
		return modules, nil
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", fmt.Errorf("tools/bench/node_modules is missing and there is no npm to install it: %w", err)
	}
	cmd := exec.Command(npm, "ci", "--no-audit", "--no-fund")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("npm ci in tools/bench: %w\n%s", err, out)
	}
	return modules, nil
}

// source says what gonn's site was built from: the commit of the working
// tree (and whether it had uncommitted changes), or the -dist folder.
func source(root, distFlag string) string {
	if distFlag != "" {
		return "the prebuilt folder given with -dist"
	}
	head, err := exec.Command("git", "-C", root, "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "the working tree (no git commit found)"
	}
	s := "built by `dist.Build` from commit " + strings.TrimSpace(string(head))
	if status, err := exec.Command("git", "-C", root, "status", "--porcelain").Output(); err == nil && len(bytes.TrimSpace(status)) > 0 {
		s += " with uncommitted changes"
	}
	return s
}
