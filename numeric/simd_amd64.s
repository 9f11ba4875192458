//go:build amd64 && !purego

#include "textflag.h"

// AVX2 kernels of the batch interpreter (see simd_amd64.go). Each one is
// the scalar Go code of its function (expfast, sincosfast) written out
// operation for operation on four lanes: the same multiplications,
// additions and subtractions in the same order and association, and no
// FMA, so that every lane rounds exactly as the scalar code does and the
// results agree to the last bit. The constants come from the Go arrays
// expVec and trigVec (each constant repeated four times). The table
// entries of the four lanes are loaded with scalar addresses, a 16-byte
// half at a time, and unpacked (on AMD Zen 4 this is about 1.5 times as
// fast as VGATHERQPD). The table index is masked to 0..127, so the loads
// stay inside the tables whatever the lane holds.
//
// A kernel stops before the first block of four with a lane outside the
// fast range, stores nothing of that block and returns the number of
// points done, for the caller to compute that block with the scalar code
// and call the kernel again on the rest.

#include "simd_amd64.h"

// func expBatchAVX2(dst, a []float64, neg bool) (done int)
TEXT ·expBatchAVX2(SB), NOSPLIT, $0-64
	EXP_ARGS(dst_base+0(FP), dst_len+8(FP), a_base+24(FP), neg+48(FP))
	XORQ    AX, AX
	VXORPD  Y15, Y15, Y15 // the sign flip: none, or -x if neg
	TESTQ   DX, DX
	JZ      expstart
	VMOVUPD EXP_SIGN(R8), Y15

expstart:
	SHRQ $2, CX
	JZ   expdone

exploop:
	VMOVUPD (SI), Y0
	VXORPD  Y15, Y0, Y0 // x

	// A lane with !(|x| < 704) (NaN included) ends the kernel.
	VANDPD    EXP_ABS(R8), Y0, Y1
	VCMPPD    $0x11, EXP_MAX(R8), Y1, Y1 // LT_OQ
	VMOVMSKPD Y1, BX
	CMPL      BX, $15
	JNE       expdone

	// kd = round(x*N/ln2) by the shift (Y2 holds ki in its low bits),
	// r = (x - kd*ln2hi) - kd*ln2lo in Y4.
	EXP_REDUCE(Y0, EXP_INVLN2N(R8), EXP_SHIFT(R8), EXP_LN2HI(R8), EXP_LN2LO(R8), Y2, Y3, Y4, Y5)

	// j = ki mod N; tail = expTab[2j], scale bits = expTab[2j+1] + ki<<45.
	// The pairs (16 bytes each) are loaded into Y8 (lanes 0 and 2) and
	// Y7 (lanes 1 and 3), then unpacked by EXP_POLY.
	VPAND     EXP_MASK(R8), Y2, Y5
	VPSLLQ    $45, Y2, Y6
	VPSLLQ    $4, Y5, Y5
	LANES(Y5, X5, X7, BX, R10, R11, R12)
	PAIRS(VINSERTF128, 0, BX, R10, R11, R12, X8, Y8, X7, Y7)

	// scale + scale*(((tail + r) + r2*(C2 + r*C3)) + (r2*r2)*(C4 + r*C5))
	EXP_POLY(Y4, Y8, Y7, Y6, EXP_C2(R8), EXP_C3(R8), EXP_C4(R8), EXP_C5(R8), Y9, Y10, Y11, Y12, Y13)
	EXP_NEXT(Y8, 32, 4, exploop)

	DONE(expdone, done+56(FP))

// func sincosBatchAVX2(s, c, a *float64, n int, ac, aw float64, affine bool) (done int)
TEXT ·sincosBatchAVX2(SB), NOSPLIT, $0-64
	TRIG_ARGS(s+0(FP), c+8(FP), a+16(FP), n+24(FP), ac+32(FP), aw+40(FP), Y14, Y15)
	BLOCKS(AX, CX, 2, trigdone)

trigloop:
	TRIG_X(Y0, Y14, Y15, affine+48(FP), trigx)

	// A lane with !(|x| < 2^22) (NaN included) or x == 0 ends the kernel.
	VANDPD    TRIG_ABS(R8), Y0, Y1
	VCMPPD    $0x11, TRIG_MAX(R8), Y1, Y1 // LT_OQ
	VXORPD    Y2, Y2, Y2
	VCMPPD    $0x0C, Y2, Y0, Y2           // NEQ_OQ
	VANDPD    Y2, Y1, Y1
	VMOVMSKPD Y1, BX
	CMPL      BX, $15
	JNE       trigdone

	// kd = round(x*N/2pi) by the shift (Y1 holds ki in its low bits);
	// r = x - kd*(A + B + C) in Y3, the rounding errors rl in Y7.
	TRIG_REDUCE(Y0, TRIG_INV(R8), TRIG_SHIFT(R8), TRIG_A(R8), TRIG_B(R8), TRIG_C(R8), Y1, Y2, Y3, Y7, Y4, Y5, Y6)

	// j = 4*(ki mod N): sh, sl, ch, cl = trigTab[j..j+3].
	// The rows (32 bytes each) are loaded a half at a time: Y8 = sh, sl
	// of lanes 0 and 2, Y9 of lanes 1 and 3, Y10 and Y11 the same for ch,
	// cl, then unpacked into one vector a value.
	VPAND  TRIG_MASK(R8), Y1, Y1
	VPSLLQ $5, Y1, Y1
	LANES(Y1, X1, X2, BX, R11, R12, R13)
	PAIRS(VINSERTF128, 0, BX, R11, R12, R13, X8, Y8, X9, Y9)
	PAIRS(VINSERTF128, 16, BX, R11, R12, R13, X10, Y10, X11, Y11)
	UNPACK(Y8, Y9, Y2)
	UNPACK(Y10, Y11, Y2)

	// sr = r + (rl + (r*r2)*(S3 + r2*(S5 + r2*S7))) in Y7,
	// cm = r2*(C2 + r2*(C4 + r2*C6)) in Y5.
	TRIG_POLY(Y3, Y7, TRIG_S3(R8), TRIG_S5(R8), TRIG_S7(R8), TRIG_C2(R8), TRIG_C4(R8), TRIG_C6(R8), Y4, Y5, Y6)

	// sin = sh + ((sl + sh*cm) + ch*sr), cos = ch + ((cl + ch*cm) - sh*sr)
	TRIG_OUT(Y8, Y9, Y10, Y11, Y5, Y7, Y6, Y12, Y13, trigcos, trignext)
	ADDQ $32, R10
	NEXT_BLOCK(4, trigloop)

	DONE(trigdone, done+56(FP))

// func cpuSIMDLevel() int
//
// 1 (AVX2) needs CPUID.7.0:EBX bit 5 and the OS saving the YMM state:
// CPUID.1:ECX bits 27 (OSXSAVE) and 28 (AVX), XCR0 bits 1 and 2. 2
// (AVX-512) needs CPUID.7.0:EBX bit 16 (AVX512F) too, and XCR0 bits 5, 6
// and 7 (the opmask and ZMM state).
TEXT ·cpuSIMDLevel(SB), NOSPLIT, $0-8
	MOVQ  $0, ret+0(FP)
	XORL  AX, AX
	XORL  CX, CX
	CPUID
	CMPL  AX, $7
	JB    nocpu
	MOVL  $1, AX
	XORL  CX, CX
	CPUID
	MOVL  CX, R8
	ANDL  $0x18000000, R8
	CMPL  R8, $0x18000000
	JNE   nocpu
	XORL  CX, CX
	XGETBV
	MOVL  AX, R9
	MOVL  $7, AX
	XORL  CX, CX
	CPUID
	MOVL  R9, R8
	ANDL  $6, R8
	CMPL  R8, $6
	JNE   nocpu
	BTL   $5, BX
	JCC   nocpu
	MOVQ  $1, ret+0(FP)
	ANDL  $0xE6, R9
	CMPL  R9, $0xE6
	JNE   nocpu
	BTL   $16, BX
	JCC   nocpu
	MOVQ  $2, ret+0(FP)

nocpu:
	RET

// Elementwise kernels: each lane computes what the Go loop computes for
// its point, with the same operations in the same order, so the values
// agree to the bit; n is a multiple of four (the caller does the tail).

// ELEM_ARGS loads the arguments the elementwise kernels start with,
// given their FP operands: DI = dst, SI and DX the two operands, CX = n,
// the constant c broadcast into vc.
#define ELEM_ARGS(dst, x, y, n, c, vc) \
	MOVQ         dst, DI; \
	MOVQ         x, SI; \
	MOVQ         y, DX; \
	MOVQ         n, CX; \
	VBROADCASTSD c, vc

// func divSqAVX2(dst, u, a *float64, n int, c, ac, aw float64, mode int)
//
// dst = (c*u) / (t*t) with t = a (mode 0), ac + a (mode 1) or
// ac + aw*a (mode 2).
TEXT ·divSqAVX2(SB), NOSPLIT, $0-64
	ELEM_ARGS(dst+0(FP), u+8(FP), a+16(FP), n+24(FP), c+32(FP), Y13)
	VBROADCASTSD ac+40(FP), Y14
	VBROADCASTSD aw+48(FP), Y15
	MOVQ         mode+56(FP), R8
	BLOCKS(R9, CX, 2, divsqdone)

divsqloop:
	VMOVUPD (DX)(R9*1), Y0
	CMPQ    R8, $1
	JLT     divsqt
	JEQ     divsqadd
	VMULPD  Y15, Y0, Y0

divsqadd:
	VADDPD Y0, Y14, Y0

divsqt:
	VMULPD  Y0, Y0, Y0
	VMULPD  (SI)(R9*1), Y13, Y1
	VDIVPD  Y0, Y1, Y1
	VMOVUPD Y1, (DI)(R9*1)
	ADDQ    $32, R9
	DECQ    CX
	JNZ     divsqloop

divsqdone:
	VZEROUPPER
	RET

// func mul2AVX2(dst, a, b *float64, n int, c float64)
//
// dst = (c*a) * b
TEXT ·mul2AVX2(SB), NOSPLIT, $0-40
	ELEM_ARGS(dst+0(FP), a+8(FP), b+16(FP), n+24(FP), c+32(FP), Y15)
	BLOCKS(R9, CX, 3, mul2tail)

mul2loop:
	VMULPD  (SI)(R9*1), Y15, Y0
	VMULPD  32(SI)(R9*1), Y15, Y1
	VMULPD  (DX)(R9*1), Y0, Y0
	VMULPD  32(DX)(R9*1), Y1, Y1
	VMOVUPD Y0, (DI)(R9*1)
	VMOVUPD Y1, 32(DI)(R9*1)
	ADDQ    $64, R9
	DECQ    CX
	JNZ     mul2loop

mul2tail:
	MOVQ n+24(FP), CX
	ANDQ $4, CX
	JZ   mul2done
	VMULPD  (SI)(R9*1), Y15, Y0
	VMULPD  (DX)(R9*1), Y0, Y0
	VMOVUPD Y0, (DI)(R9*1)

mul2done:
	VZEROUPPER
	RET

// The block kernels below work on 4 registers of 4 points (16 points,
// 128 bytes) at a time, at the byte offset R8 of the current block:
// SET4 copies src into d0 to d3; LOAD4 and STORE4 move d0 to d3 from and
// to the 128 bytes at off(base)(R8*1); OP4 sets dk = op(the k-th 32
// bytes there, sk) for k = 0 to 3; ADD4 sets dk += sk in registers.
#define SET4(src, d0, d1, d2, d3) \
	VMOVAPD src, d0; \
	VMOVAPD src, d1; \
	VMOVAPD src, d2; \
	VMOVAPD src, d3

#define LOAD4(base, off, d0, d1, d2, d3) \
	VMOVUPD off(base)(R8*1), d0; \
	VMOVUPD off+32(base)(R8*1), d1; \
	VMOVUPD off+64(base)(R8*1), d2; \
	VMOVUPD off+96(base)(R8*1), d3

#define STORE4(base, off, s0, s1, s2, s3) \
	VMOVUPD s0, off(base)(R8*1); \
	VMOVUPD s1, off+32(base)(R8*1); \
	VMOVUPD s2, off+64(base)(R8*1); \
	VMOVUPD s3, off+96(base)(R8*1)

#define OP4(op, base, off, s0, s1, s2, s3, d0, d1, d2, d3) \
	op off(base)(R8*1), s0, d0; \
	op off+32(base)(R8*1), s1, d1; \
	op off+64(base)(R8*1), s2, d2; \
	op off+96(base)(R8*1), s3, d3

#define ADD4(s0, s1, s2, s3, d0, d1, d2, d3) \
	VADDPD s0, d0, d0; \
	VADDPD s1, d1, d1; \
	VADDPD s2, d2, d2; \
	VADDPD s3, d3, d3

DATA looOne<>+0(SB)/8, $1.0
GLOBL looOne<>(SB), RODATA|NOPTR, $8

// func looAVX2(dsts, args **float64, n, m int)
//
// The leave-one-out products of opLOO over m points (a multiple of 16),
// 16 at a time so that the running products stay in registers:
// dsts[j] = args[0]*...*args[j-1] for j <= n (from 1, left to right),
// then for j = n-2 down to 0, dsts[j] *= s, s *= args[j], where s starts
// at args[n-1]: per point the order of the scalar code.
TEXT ·looAVX2(SB), NOSPLIT, $0-32
	MOVQ         dsts+0(FP), DI
	MOVQ         args+8(FP), SI
	MOVQ         n+16(FP), CX
	MOVQ         m+24(FP), DX
	VBROADCASTSD looOne<>(SB), Y15
	BLOCKS(R8, DX, 4, loodone)

looblock:
	SET4(Y15, Y0, Y1, Y2, Y3)
	XORQ R9, R9

looprefix:
	MOVQ (DI)(R9*8), R10
	STORE4(R10, 0, Y0, Y1, Y2, Y3)
	MOVQ (SI)(R9*8), R11
	OP4(VMULPD, R11, 0, Y0, Y1, Y2, Y3, Y0, Y1, Y2, Y3)
	INCQ R9
	CMPQ R9, CX
	JNE  looprefix
	MOVQ (DI)(CX*8), R10
	STORE4(R10, 0, Y0, Y1, Y2, Y3)

	// s = args[n-1]
	LEAQ -1(CX), R9
	MOVQ (SI)(R9*8), R11
	LOAD4(R11, 0, Y0, Y1, Y2, Y3)
	DECQ R9
	JS   loonext

loosuffix:
	MOVQ (DI)(R9*8), R10
	OP4(VMULPD, R10, 0, Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7)
	STORE4(R10, 0, Y4, Y5, Y6, Y7)
	MOVQ (SI)(R9*8), R11
	OP4(VMULPD, R11, 0, Y0, Y1, Y2, Y3, Y0, Y1, Y2, Y3)
	DECQ R9
	JNS  loosuffix

loonext:
	ADDQ $128, R8
	DECQ DX
	JNZ  looblock

loodone:
	VZEROUPPER
	RET

// func linAVX2(dst *float64, args **float64, w *float64, n, m int, c float64)
//
// opLin over m points (a multiple of 32), 32 at a time with the running
// sums in Y0-Y7: dst = c + w[0]*args[0] + ... + w[n-1]*args[n-1] added
// left to right (w nil: all weights 1, no products), per point the order
// of the scalar code.
TEXT ·linAVX2(SB), NOSPLIT, $0-48
	MOVQ         dst+0(FP), DI
	MOVQ         args+8(FP), SI
	MOVQ         w+16(FP), DX
	MOVQ         n+24(FP), CX
	MOVQ         m+32(FP), BX
	VBROADCASTSD c+40(FP), Y13
	BLOCKS(R8, BX, 5, lindone)

linblock:
	SET4(Y13, Y0, Y1, Y2, Y3)
	SET4(Y13, Y4, Y5, Y6, Y7)
	XORQ  R9, R9
	TESTQ DX, DX
	JZ    linplain

linweighted:
	MOVQ         (SI)(R9*8), R10
	VBROADCASTSD (DX)(R9*8), Y12
	OP4(VMULPD, R10, 0, Y12, Y12, Y12, Y12, Y8, Y9, Y10, Y11)
	ADD4(Y8, Y9, Y10, Y11, Y0, Y1, Y2, Y3)
	OP4(VMULPD, R10, 128, Y12, Y12, Y12, Y12, Y8, Y9, Y10, Y11)
	ADD4(Y8, Y9, Y10, Y11, Y4, Y5, Y6, Y7)
	INCQ         R9
	CMPQ         R9, CX
	JNE          linweighted
	JMP          linstore

linplain:
	MOVQ (SI)(R9*8), R10
	OP4(VADDPD, R10, 0, Y0, Y1, Y2, Y3, Y0, Y1, Y2, Y3)
	OP4(VADDPD, R10, 128, Y4, Y5, Y6, Y7, Y4, Y5, Y6, Y7)
	INCQ R9
	CMPQ R9, CX
	JNE  linplain

linstore:
	STORE4(DI, 0, Y0, Y1, Y2, Y3)
	STORE4(DI, 128, Y4, Y5, Y6, Y7)
	ADDQ $256, R8
	DECQ BX
	JNZ  linblock

lindone:
	VZEROUPPER
	RET
