//go:build amd64 && !purego

#include "textflag.h"

// The AVX-512 kernels: expBatchAVX2 and sincosBatchAVX2 (simd_amd64.s)
// on eight lanes, the same operations in the same order, without FMA,
// with the constants broadcast into Z16 and up once. On AMD Zen 4, which
// splits a 512-bit operation in two, sincos still takes about 0.6 times
// the AVX2 kernel's time: half the instructions to issue.

// Offsets in expVec (32 bytes a constant).
#define EXP_INVLN2N 0
#define EXP_SHIFT 32
#define EXP_LN2HI 64
#define EXP_LN2LO 96
#define EXP_C2 128
#define EXP_C3 160
#define EXP_C4 192
#define EXP_C5 224
#define EXP_MAX 256
#define EXP_ABS 288
#define EXP_SIGN 320
#define EXP_MASK 352

// func expBatchAVX512(dst, a []float64, neg bool) (done int)
TEXT ·expBatchAVX512(SB), NOSPLIT, $0-64
	MOVQ         dst_base+0(FP), DI
	MOVQ         dst_len+8(FP), CX
	MOVQ         a_base+24(FP), SI
	MOVBLZX      neg+48(FP), DX
	LEAQ         ·expVec(SB), R8
	LEAQ         ·expTab(SB), R9
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

	VMULPD Z16, Z0, Z2
	VADDPD Z17, Z2, Z2
	VSUBPD Z17, Z2, Z3
	VMULPD Z18, Z3, Z4
	VSUBPD Z4, Z0, Z4
	VMULPD Z19, Z3, Z5
	VSUBPD Z5, Z4, Z4

	// Pairs (tail, H bits): Z8 of the even lanes, Z7 of the odd ones.
	VPANDQ        Z26, Z2, Z5
	VPSLLQ        $45, Z2, Z6
	VPSLLQ        $4, Z5, Z5
	VEXTRACTI128  $1, Y5, X7
	VMOVQ         X5, BX
	VPEXTRQ       $1, X5, R10
	VMOVQ         X7, R11
	VPEXTRQ       $1, X7, R12
	VMOVUPD       (R9)(BX*1), X8
	VINSERTF32X4  $1, (R9)(R11*1), Z8, Z8
	VMOVUPD       (R9)(R10*1), X7
	VINSERTF32X4  $1, (R9)(R12*1), Z7, Z7
	VEXTRACTI64X4 $1, Z5, Y5
	VEXTRACTI128  $1, Y5, X9
	VMOVQ         X5, BX
	VPEXTRQ       $1, X5, R10
	VMOVQ         X9, R11
	VPEXTRQ       $1, X9, R12
	VINSERTF32X4  $2, (R9)(BX*1), Z8, Z8
	VINSERTF32X4  $3, (R9)(R11*1), Z8, Z8
	VINSERTF32X4  $2, (R9)(R10*1), Z7, Z7
	VINSERTF32X4  $3, (R9)(R12*1), Z7, Z7
	VUNPCKHPD     Z7, Z8, Z9
	VUNPCKLPD     Z7, Z8, Z8
	VPADDQ        Z6, Z9, Z9

	VMULPD Z4, Z4, Z10
	VADDPD Z4, Z8, Z8
	VMULPD Z21, Z4, Z11
	VADDPD Z20, Z11, Z11
	VMULPD Z11, Z10, Z11
	VADDPD Z11, Z8, Z8
	VMULPD Z23, Z4, Z12
	VADDPD Z22, Z12, Z12
	VMULPD Z10, Z10, Z13
	VMULPD Z12, Z13, Z13
	VADDPD Z13, Z8, Z8

	VMULPD  Z8, Z9, Z8
	VADDPD  Z8, Z9, Z8
	VMOVUPD Z8, (DI)

	ADDQ $64, SI
	ADDQ $64, DI
	ADDQ $8, AX
	DECQ CX
	JNZ  ze_loop

ze_done:
	VZEROUPPER
	MOVQ AX, done+56(FP)
	RET

// Offsets in trigVec (32 bytes a constant; the kernel broadcasts the
// first of each four).
#define TRIG_INV 0
#define TRIG_SHIFT 32
#define TRIG_A 64
#define TRIG_B 96
#define TRIG_C 128
#define TRIG_S3 160
#define TRIG_S5 192
#define TRIG_S7 224
#define TRIG_C2 256
#define TRIG_C4 288
#define TRIG_C6 320
#define TRIG_MAX 352
#define TRIG_ABS 384
#define TRIG_MASK 416

// func sincosBatchAVX512(s, c, a *float64, n int, ac, aw float64, affine bool) (done int)
TEXT ·sincosBatchAVX512(SB), NOSPLIT, $0-64
	MOVQ         s+0(FP), DI
	MOVQ         c+8(FP), DX
	MOVQ         a+16(FP), SI
	MOVQ         n+24(FP), CX
	VBROADCASTSD ac+32(FP), Z30
	VBROADCASTSD aw+40(FP), Z31
	LEAQ         ·trigVec(SB), R8
	LEAQ         ·trigTab(SB), R9
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
	XORQ         AX, AX
	XORQ         R10, R10
	SHRQ         $3, CX
	JZ           z_done

z_loop:
	VMOVUPD (SI)(R10*1), Z0
	CMPB    affine+48(FP), $0
	JEQ     z_x
	VMULPD  Z31, Z0, Z0
	VADDPD  Z0, Z30, Z0

z_x:
	VPANDQ  Z28, Z0, Z1
	VCMPPD  $0x11, Z27, Z1, K1
	VPXORQ  Z2, Z2, Z2
	VCMPPD  $0x0C, Z2, Z0, K2
	KANDW   K1, K2, K1
	KMOVW   K1, BX
	CMPL    BX, $0xFF
	JNE     z_done

	VMULPD Z16, Z0, Z1
	VADDPD Z17, Z1, Z1
	VSUBPD Z17, Z1, Z2

	VMULPD Z18, Z2, Z3
	VSUBPD Z3, Z0, Z3
	VMULPD Z19, Z2, Z4
	VSUBPD Z4, Z3, Z5
	VSUBPD Z5, Z3, Z6
	VADDPD Z6, Z5, Z7
	VSUBPD Z7, Z3, Z7
	VSUBPD Z4, Z6, Z6
	VADDPD Z6, Z7, Z7

	VMULPD Z20, Z2, Z2
	VSUBPD Z2, Z5, Z3
	VSUBPD Z3, Z5, Z4
	VADDPD Z4, Z3, Z6
	VSUBPD Z6, Z5, Z6
	VSUBPD Z2, Z4, Z4
	VADDPD Z4, Z6, Z6
	VADDPD Z6, Z7, Z7

	// Table rows: Z8 = sh, sl of the even lanes, Z9 of the odd lanes,
	// Z10 and Z11 the same for ch, cl.
	VPANDQ        Z29, Z1, Z1
	VPSLLQ        $5, Z1, Z1
	VEXTRACTI128  $1, Y1, X2
	VMOVQ         X1, BX
	VPEXTRQ       $1, X1, R11
	VMOVQ         X2, R12
	VPEXTRQ       $1, X2, R13
	VMOVUPD       (R9)(BX*1), X8
	VINSERTF32X4  $1, (R9)(R12*1), Z8, Z8
	VMOVUPD       (R9)(R11*1), X9
	VINSERTF32X4  $1, (R9)(R13*1), Z9, Z9
	VMOVUPD       16(R9)(BX*1), X10
	VINSERTF32X4  $1, 16(R9)(R12*1), Z10, Z10
	VMOVUPD       16(R9)(R11*1), X11
	VINSERTF32X4  $1, 16(R9)(R13*1), Z11, Z11
	VEXTRACTI64X4 $1, Z1, Y1
	VEXTRACTI128  $1, Y1, X2
	VMOVQ         X1, BX
	VPEXTRQ       $1, X1, R11
	VMOVQ         X2, R12
	VPEXTRQ       $1, X2, R13
	VINSERTF32X4  $2, (R9)(BX*1), Z8, Z8
	VINSERTF32X4  $3, (R9)(R12*1), Z8, Z8
	VINSERTF32X4  $2, (R9)(R11*1), Z9, Z9
	VINSERTF32X4  $3, (R9)(R13*1), Z9, Z9
	VINSERTF32X4  $2, 16(R9)(BX*1), Z10, Z10
	VINSERTF32X4  $3, 16(R9)(R12*1), Z10, Z10
	VINSERTF32X4  $2, 16(R9)(R11*1), Z11, Z11
	VINSERTF32X4  $3, 16(R9)(R13*1), Z11, Z11
	VUNPCKHPD     Z9, Z8, Z2
	VUNPCKLPD     Z9, Z8, Z8
	VMOVAPD       Z2, Z9
	VUNPCKHPD     Z11, Z10, Z2
	VUNPCKLPD     Z11, Z10, Z10
	VMOVAPD       Z2, Z11

	VMULPD Z3, Z3, Z4
	VMULPD Z23, Z4, Z5
	VADDPD Z22, Z5, Z5
	VMULPD Z5, Z4, Z5
	VADDPD Z21, Z5, Z5
	VMULPD Z4, Z3, Z6
	VMULPD Z5, Z6, Z6
	VADDPD Z6, Z7, Z7
	VADDPD Z7, Z3, Z7

	VMULPD Z26, Z4, Z5
	VADDPD Z25, Z5, Z5
	VMULPD Z5, Z4, Z5
	VADDPD Z24, Z5, Z5
	VMULPD Z5, Z4, Z5

	TESTQ   DI, DI
	JZ      z_cos
	VMULPD  Z5, Z8, Z6
	VADDPD  Z6, Z9, Z6
	VMULPD  Z7, Z10, Z12
	VADDPD  Z12, Z6, Z6
	VADDPD  Z6, Z8, Z6
	VMOVUPD Z6, (DI)(R10*1)

z_cos:
	TESTQ   DX, DX
	JZ      z_next
	VMULPD  Z5, Z10, Z12
	VADDPD  Z12, Z11, Z12
	VMULPD  Z7, Z8, Z13
	VSUBPD  Z13, Z12, Z12
	VADDPD  Z12, Z10, Z12
	VMOVUPD Z12, (DX)(R10*1)

z_next:
	ADDQ $64, R10
	ADDQ $8, AX
	DECQ CX
	JNZ  z_loop

z_done:
	VZEROUPPER
	MOVQ AX, done+56(FP)
	RET
