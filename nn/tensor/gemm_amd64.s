//go:build amd64 && !purego

#include "textflag.h"

// The AVX2 micro-kernel of Gemm: one 6×16 tile of C in twelve YMM
// accumulators (row r in Y(2r) and Y(2r+1), eight columns each). For each p
// it loads 16 values of B's panel, broadcasts the 6 values a(r, p) and does,
// per accumulator, one VMULPS (rounded product) then one VADDPS (rounded
// sum): c = c + float32(a*b), one p after the other, never fused. Operand
// order follows the Go loops: the product's first source is b, the sum's
// is c.
//
// Registers: CX products left; AX → a(0, p), R13 → a(3, p); SI one row of A
// and DX one step of p, in bytes; BX → b(p, 0), R11 one step of p in bytes;
// DI → the tile, R8 one row of C in bytes, R9 → its row 3.

// ROW does one row's step for one p: Y14 = a(r, p) in all lanes, Y12:Y13 =
// b(p, 0..15); acc0 and acc1 += the rounded products.
#define ROW(aaddr, acc0, acc1) \
	VBROADCASTSS aaddr, Y14; \
	VMULPS       Y14, Y12, Y15; \
	VADDPS       Y15, acc0, acc0; \
	VMULPS       Y14, Y13, Y15; \
	VADDPS       Y15, acc1, acc1

// STEP does the tile's step for one p and moves to p+1.
#define STEP \
	VMOVUPS (BX), Y12; \
	VMOVUPS 32(BX), Y13; \
	ROW((AX), Y0, Y1); \
	ROW((AX)(SI*1), Y2, Y3); \
	ROW((AX)(SI*2), Y4, Y5); \
	ROW((R13), Y6, Y7); \
	ROW((R13)(SI*1), Y8, Y9); \
	ROW((R13)(SI*2), Y10, Y11); \
	ADDQ DX, AX; \
	ADDQ DX, R13; \
	ADDQ R11, BX

// func gemmTile6x16(k int, a *float32, aRow, aStep int, b *float32, bStep int, c *float32, ldc int, load bool)
//
// a(r, p) is at a[r*aRow + p*aStep] and b(p, j) at b[p*bStep + j]; c is the
// tile's top-left element, rows ldc floats apart. The sums start from the
// tile's values when load is set, from +0 otherwise.
TEXT ·gemmTile6x16(SB), NOSPLIT, $0-65
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), AX
	MOVQ aRow+16(FP), SI
	SHLQ $2, SI
	MOVQ aStep+24(FP), DX
	SHLQ $2, DX
	LEAQ (AX)(SI*2), R13
	ADDQ SI, R13                // a(3, 0)
	MOVQ b+32(FP), BX
	MOVQ bStep+40(FP), R11
	SHLQ $2, R11
	MOVQ c+48(FP), DI
	MOVQ ldc+56(FP), R8
	SHLQ $2, R8
	LEAQ (DI)(R8*2), R9
	ADDQ R8, R9                 // row 3 of the tile

	MOVBLZX load+64(FP), R10
	TESTQ   R10, R10
	JZ      zero
	VMOVUPS (DI), Y0
	VMOVUPS 32(DI), Y1
	VMOVUPS (DI)(R8*1), Y2
	VMOVUPS 32(DI)(R8*1), Y3
	VMOVUPS (DI)(R8*2), Y4
	VMOVUPS 32(DI)(R8*2), Y5
	VMOVUPS (R9), Y6
	VMOVUPS 32(R9), Y7
	VMOVUPS (R9)(R8*1), Y8
	VMOVUPS 32(R9)(R8*1), Y9
	VMOVUPS (R9)(R8*2), Y10
	VMOVUPS 32(R9)(R8*2), Y11
	JMP     pairs

zero:
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	VXORPS Y8, Y8, Y8
	VXORPS Y9, Y9, Y9
	VXORPS Y10, Y10, Y10
	VXORPS Y11, Y11, Y11

	// Two p per iteration while two remain, then the last one.
pairs:
	CMPQ CX, $2
	JLT  last
	STEP
	STEP
	SUBQ $2, CX
	JMP  pairs

last:
	TESTQ CX, CX
	JZ    store
	STEP

store:
	VMOVUPS Y0, (DI)
	VMOVUPS Y1, 32(DI)
	VMOVUPS Y2, (DI)(R8*1)
	VMOVUPS Y3, 32(DI)(R8*1)
	VMOVUPS Y4, (DI)(R8*2)
	VMOVUPS Y5, 32(DI)(R8*2)
	VMOVUPS Y6, (R9)
	VMOVUPS Y7, 32(R9)
	VMOVUPS Y8, (R9)(R8*1)
	VMOVUPS Y9, 32(R9)(R8*1)
	VMOVUPS Y10, (R9)(R8*2)
	VMOVUPS Y11, 32(R9)(R8*2)
	VZEROUPPER
	RET
