//go:build amd64 && !purego

#include "textflag.h"

// Packing a transposed B for the AVX2 Gemm kernel: 8×8 blocks transposed in
// YMM registers. Pure data movement: every float is copied, bit for bit.

// TRANSPOSE8 loads rows 0..7 (8 floats each; rows 0-2 at r0, rows 3-5 at r3,
// rows 6-7 at r6, CX bytes apart) and stores their columns 0..7 as 8 rows of
// the panel at off(DI), 64 bytes apart.
#define TRANSPOSE8(r0, r3, r6, off) \
	VMOVUPS    (r0), Y0; \
	VMOVUPS    (r0)(CX*1), Y1; \
	VMOVUPS    (r0)(CX*2), Y2; \
	VMOVUPS    (r3), Y3; \
	VMOVUPS    (r3)(CX*1), Y4; \
	VMOVUPS    (r3)(CX*2), Y5; \
	VMOVUPS    (r6), Y6; \
	VMOVUPS    (r6)(CX*1), Y7; \
	VUNPCKLPS  Y1, Y0, Y8; \
	VUNPCKHPS  Y1, Y0, Y9; \
	VUNPCKLPS  Y3, Y2, Y10; \
	VUNPCKHPS  Y3, Y2, Y11; \
	VUNPCKLPS  Y5, Y4, Y12; \
	VUNPCKHPS  Y5, Y4, Y13; \
	VUNPCKLPS  Y7, Y6, Y14; \
	VUNPCKHPS  Y7, Y6, Y15; \
	VSHUFPS    $0x44, Y10, Y8, Y0; \
	VSHUFPS    $0xEE, Y10, Y8, Y1; \
	VSHUFPS    $0x44, Y11, Y9, Y2; \
	VSHUFPS    $0xEE, Y11, Y9, Y3; \
	VSHUFPS    $0x44, Y14, Y12, Y4; \
	VSHUFPS    $0xEE, Y14, Y12, Y5; \
	VSHUFPS    $0x44, Y15, Y13, Y6; \
	VSHUFPS    $0xEE, Y15, Y13, Y7; \
	VPERM2F128 $0x20, Y4, Y0, Y8; \
	VPERM2F128 $0x20, Y5, Y1, Y9; \
	VPERM2F128 $0x20, Y6, Y2, Y10; \
	VPERM2F128 $0x20, Y7, Y3, Y11; \
	VPERM2F128 $0x31, Y4, Y0, Y12; \
	VPERM2F128 $0x31, Y5, Y1, Y13; \
	VPERM2F128 $0x31, Y6, Y2, Y14; \
	VPERM2F128 $0x31, Y7, Y3, Y15; \
	VMOVUPS    Y8, off(DI); \
	VMOVUPS    Y9, off+64(DI); \
	VMOVUPS    Y10, off+128(DI); \
	VMOVUPS    Y11, off+192(DI); \
	VMOVUPS    Y12, off+256(DI); \
	VMOVUPS    Y13, off+320(DI); \
	VMOVUPS    Y14, off+384(DI); \
	VMOVUPS    Y15, off+448(DI)

// func transposeRows16(dst, src *float32, k, blocks int)
//
// src holds 16 rows of k floats; for p < 8·blocks it writes
// dst[p*16 + c] = src[c*k + p], 8 values of p at a time.
TEXT ·transposeRows16(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), R8
	MOVQ k+16(FP), CX
	SHLQ $2, CX                 // row stride in bytes
	MOVQ blocks+24(FP), DX
	LEAQ (R8)(CX*2), R9
	ADDQ CX, R9                 // row 3
	LEAQ (R9)(CX*2), R10
	ADDQ CX, R10                // row 6
	LEAQ (R8)(CX*8), R11        // row 8
	LEAQ (R9)(CX*8), R12        // row 11
	LEAQ (R10)(CX*8), R13       // row 14

loop:
	TESTQ DX, DX
	JZ    done
	TRANSPOSE8(R8, R9, R10, 0)
	TRANSPOSE8(R11, R12, R13, 32)
	ADDQ  $32, R8
	ADDQ  $32, R9
	ADDQ  $32, R10
	ADDQ  $32, R11
	ADDQ  $32, R12
	ADDQ  $32, R13
	ADDQ  $512, DI
	DECQ  DX
	JMP   loop

done:
	VZEROUPPER
	RET
