package fmath

import (
	"os/exec"
	"regexp"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestNoFusedMultiplyAdd compiles this package for the architectures where
// the Go compiler fuses x*y+z and checks that no FMA instruction was emitted,
// i.e. that every product in the package is explicitly rounded.
func TestNoFusedMultiplyAdd(t *testing.T) {
	if testing.Short() || runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skip("needs the go tool on the linux/amd64 host")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not found")
	}
	fma := regexp.MustCompile(`(?i)\b(v?f(n)?m(add|sub)\w*|vfmadd\w*|vfmsub\w*|vfnmadd\w*|vfnmsub\w*)\b`)
	for _, env := range [][]string{
		{"GOARCH=arm64"},
		{"GOARCH=amd64", "GOAMD64=v3"},
		{"GOARCH=ppc64le"},
		{"GOARCH=s390x"},
		{"GOARCH=riscv64"},
	} {
		cmd := exec.Command(goTool, "build", "-gcflags=-S", "-o", "/dev/null", ".")
		cmd.Env = append(cmd.Environ(), env...)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%v: %s", env, out)
		require.Contains(t, string(out), "gonn/nn/fmath.Exp64", "%v: no assembly listing", env)
		if m := fma.FindString(string(out)); m != "" {
			t.Errorf("%v: fused multiply-add %q emitted; wrap the product in an explicit conversion", env, m)
		}
	}
}
