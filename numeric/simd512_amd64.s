//go:build amd64 && !purego

#include "textflag.h"

// The AVX-512 kernels: expBatchAVX2 and sincosBatchAVX2 (simd_amd64.s)
// on eight lanes, the same operations in the same order, without FMA,
// with the constants broadcast into Z16 and up once. On AMD Zen 4, which
// splits a 512-bit operation in two, sincos still takes about 0.6 times
// the AVX2 kernel's time: half the instructions to issue.

#include "simd_amd64.h"

// PAIRS_HI loads the pairs of lanes 4 to 7 (byte offsets i0 to i3 from
// off(R9)) into the high 256 bits of ze (lanes 4 and 6) and zo (5 and
// 7), as PAIRS the low ones.
#define PAIRS_HI(off, i0, i1, i2, i3, ze, zo) \
	VINSERTF32X4 $2, off(R9)(i0*1), ze, ze; \
	VINSERTF32X4 $3, off(R9)(i2*1), ze, ze; \
	VINSERTF32X4 $2, off(R9)(i1*1), zo, zo; \
	VINSERTF32X4 $3, off(R9)(i3*1), zo, zo

// func expBatchAVX512(dst, a []float64, neg bool) (done int)
TEXT ·expBatchAVX512(SB), NOSPLIT, $0-64
	EXP_ARGS(dst_base+0(FP), dst_len+8(FP), a_base+24(FP), neg+48(FP))
	VBROADCASTSD EXP_INVLN2N(R8), Z16
	VBROADCASTSD EXP_SHIFT(R8), Z17
	VBROADCASTSD EXP_LN2HI(R8), Z18
	VBROADCASTSD EXP_LN2LO(R8), Z19
	VBROADCASTSD EXP_C2(R8), Z20
	VBROADCASTSD EXP_C3(R8), Z21
	VBROADCASTSD EXP_C4(R8), Z22
	VBROADCASTSD EXP_C5(R8), Z23
	VBROADCASTSD EXP_MAX(R8), Z24
	VBROADCASTSD EXP_ABS(R8), Z25
	VBROADCASTSD EXP_MASK(R8), Z26
	XORQ         AX, AX
	VPXORQ       Z15, Z15, Z15 // the sign flip: none, or -x if neg
	TESTQ        DX, DX
	JZ           ze_start
	VBROADCASTSD EXP_SIGN(R8), Z15

ze_start:
	SHRQ $3, CX
	JZ   ze_done

ze_loop:
	VMOVUPD (SI), Z0
	VPXORQ  Z15, Z0, Z0

	// A lane with !(|x| < 704) (NaN included) ends the kernel.
	VPANDQ Z25, Z0, Z1
	VCMPPD $0x11, Z24, Z1, K1
	KMOVW  K1, BX
	CMPL   BX, $0xFF
	JNE    ze_done

	EXP_REDUCE(Z0, Z16, Z17, Z18, Z19, Z2, Z3, Z4, Z5)

	// Pairs (tail, H bits): Z8 of the even lanes, Z7 of the odd ones.
	VPANDQ        Z26, Z2, Z5
	VPSLLQ        $45, Z2, Z6
	VPSLLQ        $4, Z5, Z5
	LANES(Y5, X5, X7, BX, R10, R11, R12)
	PAIRS(VINSERTF32X4, 0, BX, R10, R11, R12, X8, Z8, X7, Z7)
	VEXTRACTI64X4 $1, Z5, Y5
	LANES(Y5, X5, X9, BX, R10, R11, R12)
	PAIRS_HI(0, BX, R10, R11, R12, Z8, Z7)

	EXP_POLY(Z4, Z8, Z7, Z6, Z20, Z21, Z22, Z23, Z9, Z10, Z11, Z12, Z13)
	EXP_NEXT(Z8, 64, 8, ze_loop)

	DONE(ze_done, done+56(FP))

// func sincosBatchAVX512(s, c, a *float64, n int, ac, aw float64, affine bool) (done int)
TEXT ·sincosBatchAVX512(SB), NOSPLIT, $0-64
	TRIG_ARGS(s+0(FP), c+8(FP), a+16(FP), n+24(FP), ac+32(FP), aw+40(FP), Z30, Z31)
	VBROADCASTSD TRIG_INV(R8), Z16
	VBROADCASTSD TRIG_SHIFT(R8), Z17
	VBROADCASTSD TRIG_A(R8), Z18
	VBROADCASTSD TRIG_B(R8), Z19
	VBROADCASTSD TRIG_C(R8), Z20
	VBROADCASTSD TRIG_S3(R8), Z21
	VBROADCASTSD TRIG_S5(R8), Z22
	VBROADCASTSD TRIG_S7(R8), Z23
	VBROADCASTSD TRIG_C2(R8), Z24
	VBROADCASTSD TRIG_C4(R8), Z25
	VBROADCASTSD TRIG_C6(R8), Z26
	VBROADCASTSD TRIG_MAX(R8), Z27
	VBROADCASTSD TRIG_ABS(R8), Z28
	VBROADCASTSD TRIG_MASK(R8), Z29
	BLOCKS(AX, CX, 3, z_done)

z_loop:
	TRIG_X(Z0, Z30, Z31, affine+48(FP), z_x)

	VPANDQ Z28, Z0, Z1
	VCMPPD $0x11, Z27, Z1, K1
	VPXORQ Z2, Z2, Z2
	VCMPPD $0x0C, Z2, Z0, K2
	KANDW  K1, K2, K1
	KMOVW  K1, BX
	CMPL   BX, $0xFF
	JNE    z_done

	TRIG_REDUCE(Z0, Z16, Z17, Z18, Z19, Z20, Z1, Z2, Z3, Z7, Z4, Z5, Z6)

	// Table rows: Z8 = sh, sl of the even lanes, Z9 of the odd lanes,
	// Z10 and Z11 the same for ch, cl.
	VPANDQ        Z29, Z1, Z1
	VPSLLQ        $5, Z1, Z1
	LANES(Y1, X1, X2, BX, R11, R12, R13)
	PAIRS(VINSERTF32X4, 0, BX, R11, R12, R13, X8, Z8, X9, Z9)
	PAIRS(VINSERTF32X4, 16, BX, R11, R12, R13, X10, Z10, X11, Z11)
	VEXTRACTI64X4 $1, Z1, Y1
	LANES(Y1, X1, X2, BX, R11, R12, R13)
	PAIRS_HI(0, BX, R11, R12, R13, Z8, Z9)
	PAIRS_HI(16, BX, R11, R12, R13, Z10, Z11)
	UNPACK(Z8, Z9, Z2)
	UNPACK(Z10, Z11, Z2)

	TRIG_POLY(Z3, Z7, Z21, Z22, Z23, Z24, Z25, Z26, Z4, Z5, Z6)

	TRIG_OUT(Z8, Z9, Z10, Z11, Z5, Z7, Z6, Z12, Z13, z_cos, z_next)
	ADDQ $64, R10
	NEXT_BLOCK(8, z_loop)

	DONE(z_done, done+56(FP))
