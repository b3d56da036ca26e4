package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// describeMachine reads the CPU model, cores, memory and kernel from /proc
// (what it cannot read stays empty) and this program's Go version.
func describeMachine() Machine {
	m := Machine{Cores: runtime.NumCPU(), Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH}
	m.CPU = procField("/proc/cpuinfo", "model name")
	if kb, err := strconv.Atoi(strings.Fields(procField("/proc/meminfo", "MemTotal") + " 0")[0]); err == nil {
		m.MemoryGiB = (kb + 1<<19) >> 20
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.OS += ", Linux " + strings.TrimSpace(string(b))
	}
	return m
}

// procField is the value of the first "key: value" line of a /proc file.
func procField(file, key string) string {
	f, err := os.Open(file)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// peerVersions are the installed versions of the peers' npm packages, by
// peer ID (gonn's comes from its engine when its page loads).
func peerVersions(nodeModules string) (map[string]string, error) {
	tfjs, err := packageVersion(nodeModules, "@tensorflow/tfjs")
	if err != nil {
		return nil, err
	}
	convnet, err := packageVersion(nodeModules, "convnetjs")
	if err != nil {
		return nil, err
	}
	return map[string]string{"tfjs-cpu": tfjs, "tfjs-wasm-1": tfjs, "tfjs-wasm-all": tfjs, "convnetjs": convnet}, nil
}

func packageVersion(nodeModules, pkg string) (string, error) {
	b, err := os.ReadFile(filepath.Join(nodeModules, filepath.FromSlash(pkg), "package.json"))
	if err != nil {
		return "", err
	}
	var p struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(b, &p); err != nil || p.Version == "" {
		return "", fmt.Errorf("%s/package.json: no version (%v)", pkg, err)
	}
	return p.Version, nil
}

// hardwareConcurrency is navigator.hardwareConcurrency as the first page
// that reported it ("cores" in its bench.info()) saw it; 0 when none did.
func hardwareConcurrency(peers []Peer) int {
	for _, p := range peers {
		if n, ok := p.Info["cores"].(float64); ok && n > 0 {
			return int(n)
		}
	}
	return 0
}
