package optimizers

import (
	"encoding/binary"
	"hash/fnv"
	"maps"
	"math"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gonn/nn/ag"
	"gonn/nn/tensor"
)

// goldenRuns are the optimisers and variants whose bits TestGoldenBits pins.
func goldenRuns() map[string]Optimizer {
	sgdMomentum := NewSGD()
	sgdMomentum.LR, sgdMomentum.Momentum = 0.05, 0.9
	nesterov := NewSGD()
	nesterov.LR, nesterov.Momentum, nesterov.Nesterov, nesterov.ClipNorm = 0.05, 0.9, true, 0.5
	rms := NewRMSprop()
	rms.LR = 0.01
	rmsAll := NewRMSprop()
	rmsAll.LR, rmsAll.Momentum, rmsAll.Centered, rmsAll.GlobalClipNorm = 0.01, 0.5, true, 1
	adam := NewAdam()
	adam.LR = 0.01
	amsgrad := NewAdam()
	amsgrad.LR, amsgrad.AMSGrad, amsgrad.ClipValue = 0.01, true, 0.3
	adagrad := NewAdagrad()
	adagrad.LR = 0.1
	adadelta := NewAdadelta()
	adadelta.LR = 1
	return map[string]Optimizer{
		"SGD": NewSGD(), "SGD momentum": sgdMomentum, "SGD nesterov clipnorm": nesterov,
		"RMSprop": rms, "RMSprop centered momentum global_clipnorm": rmsAll,
		"Adam": adam, "Adam amsgrad clipvalue": amsgrad,
		"Adagrad": adagrad, "Adadelta": adadelta,
	}
}

// golden holds FNV-64a hashes of the weight bits after 100 steps of each run,
// recorded on linux/amd64. They must be the same on every platform:
//
//	GOARCH=arm64 go test -exec qemu-aarch64-static ./nn/optimizers/
//
// A change to the update rules, or to fmath.Sqrt or fmath.Pow, changes them
// on purpose: the test then logs the new values to paste here.
var golden = map[string]uint64{
	"SGD":                   0x47a5dce676dae4d0,
	"SGD momentum":          0x23520c26518e9332,
	"SGD nesterov clipnorm": 0xe83ece049c5b12f2,
	"RMSprop":               0xb62521064a6fefab,
	"RMSprop centered momentum global_clipnorm": 0x44070260091a2e0e,
	"Adam":                   0x418d8115f43a8028,
	"Adam amsgrad clipvalue": 0x598fa42035dc4f05,
	"Adagrad":                0x12854920228a9503,
	"Adadelta":               0x99c5442b4f3d1c43,
}

func TestGoldenBits(t *testing.T) {
	runs := goldenRuns()
	require.Len(t, golden, len(runs))
	for _, name := range slices.Sorted(maps.Keys(runs)) {
		got := trainHash(t, runs[name])
		if !assert.Equalf(t, golden[name], got, "%s: golden hash %#x, got %#x", name, golden[name], got) {
			t.Logf("%q: %#x,", name, got)
		}
	}
}

// trainHash runs opt for 100 steps on two params (7 and 5 weights) with
// gradients from a fixed integer generator, and hashes the final weights.
func trainHash(t *testing.T, opt Optimizer) uint64 {
	x := uint64(0x9e3779b97f4a7c15)
	next := func() float32 { // xorshift64, exactly k/2^31 in [-1, 1)
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		return float32(int32(x>>32)) / (1 << 31)
	}
	fill := func(n int, scale float32) *tensor.Tensor {
		t := tensor.New(n)
		for i := range t.Data {
			t.Data[i] = next() * scale
		}
		return t
	}
	params := []*ag.Var{ag.Param(fill(7, 1), "a"), ag.Param(fill(5, 1), "b")}
	for step := range 100 {
		for _, p := range params {
			p.Grad = fill(p.Value.Size(), float32(step%4+1)/2)
		}
		opt.Apply(params)
	}
	h := fnv.New64a()
	var buf [4]byte
	for _, p := range params {
		for _, v := range p.Value.Data {
			assert.False(t, math.IsNaN(float64(v)) || math.IsInf(float64(v), 0), "weights stay finite")
			binary.LittleEndian.PutUint32(buf[:], math.Float32bits(v))
			h.Write(buf[:])
		}
	}
	return h.Sum64()
}

// TestNoFusedMultiplyAdd compiles this package for arm64 and checks that no
// fused multiply-add instruction appears: Go fuses a*b+c there unless the
// product is converted explicitly (a + float32(b*c)), and a fused result has
// other bits than amd64's and wasm's.
func TestNoFusedMultiplyAdd(t *testing.T) {
	if testing.Short() || runtime.GOOS == "wasip1" || runtime.GOOS == "js" {
		t.Skip("needs the go command")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	cmd := exec.Command(goCmd, "build", "-o", os.DevNull, "-gcflags=-S", ".")
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH=arm64")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Contains(t, string(out), "TEXT", "no assembly listing")
	fused := regexp.MustCompile(`.*\bF(N)?M(ADD|SUB)[SD]\b.*`).FindAll(out, -1)
	for _, line := range fused {
		t.Errorf("fused multiply-add: %s", line)
	}
}
