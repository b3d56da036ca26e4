package tensor

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fusedMnemonic matches every fused multiply-add of x86 (FMA3 and AMD's
// FMA4: VFMADD…, VFMSUB…, VFNMADD…, VFNMSUB…, VFMADDSUB…, VFMSUBADD…) and
// of arm64 (FMADD, FMSUB, FNMADD, FNMSUB, VFMLA, VFMLS).
var fusedMnemonic = regexp.MustCompile(`(?i)\b(V?FN?M(ADD|SUB)\w*|VFML[AS]\w*)\b`)

// rawBytes matches data directives, with which an instruction could be
// written as bytes that no mnemonic check would see.
var rawBytes = regexp.MustCompile(`(?i)^\s*(BYTE|WORD|LONG|QUAD)\b`)

// The assembly kernels never fuse a multiply and an add (docs/determinism.md,
// rule 2): no .s file in the package names a fused instruction or hides one
// in data directives.
func TestAssembly_NoFusedMultiplyAdd(t *testing.T) {
	files, err := filepath.Glob("*.s")
	require.NoError(t, err)
	require.Contains(t, files, "gemm_amd64.s", "the AVX2 kernel's source is missing")
	for _, file := range files {
		src, err := os.ReadFile(file)
		require.NoError(t, err)
		n := 0
		for line := range strings.Lines(string(src)) {
			n++
			code, _, _ := strings.Cut(line, "//")
			assert.False(t, fusedMnemonic.MatchString(code), "%s:%d names a fused multiply-add: %s", file, n, strings.TrimSpace(line))
			assert.False(t, rawBytes.MatchString(code), "%s:%d encodes an instruction as data: %s", file, n, strings.TrimSpace(line))
		}
	}
}

func TestFusedMnemonic(t *testing.T) {
	for _, tc := range []struct {
		line  string
		fused bool
	}{
		{"VFMADD231PS Y14, Y12, Y0", true},
		{"vfmadd132ps Y1, Y2, Y3", true},
		{"VFMSUB213SS X1, X2, X3", true},
		{"VFNMADD231PS Y1, Y2, Y3", true},
		{"VFNMSUB132PD Y1, Y2, Y3", true},
		{"VFMADDSUB231PS Y1, Y2, Y3", true},
		{"VFMSUBADD231PS Y1, Y2, Y3", true},
		{"VFMADDPS Y1, Y2, Y3, Y4", true},
		{"FMADDS F1, F2, F3, F4", true},
		{"VFMLA V1.S4, V2.S4, V3.S4", true},
		{"VMULPS Y14, Y12, Y15", false},
		{"VADDPS Y15, Y0, Y0", false},
		{"VBROADCASTSS (AX), Y14", false},
	} {
		t.Run(tc.line, func(t *testing.T) { assert.Equal(t, tc.fused, fusedMnemonic.MatchString(tc.line)) })
	}
}
