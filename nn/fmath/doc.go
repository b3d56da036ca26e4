// Package fmath provides float32 (and a few float64) elementary functions
// that return bit-identical results on every platform gonn supports
// (amd64, arm64, GOOS=wasip1 GOARCH=wasm).
//
// # Why
//
// The standard library's math.Exp, math.Log, ... are implemented in assembly
// on amd64/arm64/s390x but in pure Go on wasm, so the same input can give
// different bits on different machines. Even the pure-Go fallbacks are not
// portable: the Go compiler is allowed to fuse x*y + z into a single fused
// multiply-add (FMA) instruction, and it does so on arm64 (and ppc64, s390x,
// riscv64) but not on amd64 or wasm. An FMA rounds once instead of twice,
// so again the bits differ.
//
// # How
//
//   - Every function here is written in plain Go with no calls into the
//     math package except operations that are exact or correctly rounded
//     by IEEE 754 on every platform (math.Sqrt, math.Float32bits and
//     friends, comparisons).
//   - Every multiply-add is written with an explicit conversion around the
//     product, e.g. c + float64(a*b). The Go spec guarantees that an
//     explicit conversion rounds to the target precision, which forbids
//     fusion. The tests check the arm64 assembly for FMA instructions.
//   - The float32 functions compute in float64 (range reduction plus a
//     polynomial ported from the standard library's pure-Go code, which is
//     itself from FreeBSD's msun) and round once to float32. The float64
//     intermediate is accurate to about 1 float64 ulp, so the float32 result
//     is correctly rounded except in rare near-halfway cases, where it is
//     off by at most 1 ulp.
//   - NaN results never come out of arithmetic (whose NaN payload and sign
//     are platform dependent); a NaN argument is returned unchanged and an
//     invalid operation returns the canonical quiet NaN (0x7fc00000 for
//     float32, 0x7ff8000000000001 for float64, matching math.NaN()).
package fmath

import "math"

var (
	nan32 = math.Float32frombits(0x7fc00000)
	nan64 = math.Float64frombits(0x7ff8000000000001)
	inf32 = float32(math.Inf(1))
	inf64 = math.Inf(1)
)
