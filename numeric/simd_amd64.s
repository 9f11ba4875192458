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

// func expBatchAVX2(dst, a []float64, neg bool) (done int)
TEXT ·expBatchAVX2(SB), NOSPLIT, $0-64
	MOVQ    dst_base+0(FP), DI
	MOVQ    dst_len+8(FP), CX
	MOVQ    a_base+24(FP), SI
	MOVBLZX neg+48(FP), DX
	LEAQ    ·expVec(SB), R8
	LEAQ    ·expTab(SB), R9
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

	// kd = round(x*N/ln2) by the shift; Y2 holds ki in its low bits.
	VMULPD EXP_INVLN2N(R8), Y0, Y2
	VADDPD EXP_SHIFT(R8), Y2, Y2
	VSUBPD EXP_SHIFT(R8), Y2, Y3

	// r = (x - kd*ln2hi) - kd*ln2lo
	VMULPD EXP_LN2HI(R8), Y3, Y4
	VSUBPD Y4, Y0, Y4
	VMULPD EXP_LN2LO(R8), Y3, Y5
	VSUBPD Y5, Y4, Y4

	// j = ki mod N; tail = expTab[2j], scale bits = expTab[2j+1] + ki<<45.
	// The pairs (16 bytes each) are loaded into Y8 (lanes 0 and 2) and
	// Y7 (lanes 1 and 3), then unpacked.
	VPAND        EXP_MASK(R8), Y2, Y5
	VPSLLQ       $45, Y2, Y6
	VPSLLQ       $4, Y5, Y5
	VEXTRACTI128 $1, Y5, X7
	VMOVQ        X5, BX
	VPEXTRQ      $1, X5, R10
	VMOVQ        X7, R11
	VPEXTRQ      $1, X7, R12
	VMOVUPD      (R9)(BX*1), X8
	VINSERTF128  $1, (R9)(R11*1), Y8, Y8
	VMOVUPD      (R9)(R10*1), X7
	VINSERTF128  $1, (R9)(R12*1), Y7, Y7
	VUNPCKHPD    Y7, Y8, Y9
	VUNPCKLPD    Y7, Y8, Y8
	VPADDQ       Y6, Y9, Y9

	// p = ((tail + r) + r2*(C2 + r*C3)) + (r2*r2)*(C4 + r*C5)
	VMULPD Y4, Y4, Y10
	VADDPD Y4, Y8, Y8
	VMULPD EXP_C3(R8), Y4, Y11
	VADDPD EXP_C2(R8), Y11, Y11
	VMULPD Y11, Y10, Y11
	VADDPD Y11, Y8, Y8
	VMULPD EXP_C5(R8), Y4, Y12
	VADDPD EXP_C4(R8), Y12, Y12
	VMULPD Y10, Y10, Y13
	VMULPD Y12, Y13, Y13
	VADDPD Y13, Y8, Y8

	// scale + scale*p
	VMULPD  Y8, Y9, Y8
	VADDPD  Y8, Y9, Y8
	VMOVUPD Y8, (DI)

	ADDQ $32, SI
	ADDQ $32, DI
	ADDQ $4, AX
	DECQ CX
	JNZ  exploop

expdone:
	VZEROUPPER
	MOVQ AX, done+56(FP)
	RET

// Offsets in trigVec (32 bytes a constant).
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

// func sincosBatchAVX2(s, c, a *float64, n int, ac, aw float64, affine bool) (done int)
TEXT ·sincosBatchAVX2(SB), NOSPLIT, $0-64
	MOVQ         s+0(FP), DI
	MOVQ         c+8(FP), DX
	MOVQ         a+16(FP), SI
	MOVQ         n+24(FP), CX
	VBROADCASTSD ac+32(FP), Y14
	VBROADCASTSD aw+40(FP), Y15
	LEAQ         ·trigVec(SB), R8
	LEAQ         ·trigTab(SB), R9
	XORQ         AX, AX
	XORQ         R10, R10 // byte offset of the block
	SHRQ         $2, CX
	JZ           trigdone

trigloop:
	VMOVUPD (SI)(R10*1), Y0
	CMPB    affine+48(FP), $0
	JEQ     trigx
	VMULPD  Y15, Y0, Y0
	VADDPD  Y0, Y14, Y0 // x = ac + aw*a

trigx:
	// A lane with !(|x| < 2^22) (NaN included) or x == 0 ends the kernel.
	VANDPD    TRIG_ABS(R8), Y0, Y1
	VCMPPD    $0x11, TRIG_MAX(R8), Y1, Y1 // LT_OQ
	VXORPD    Y2, Y2, Y2
	VCMPPD    $0x0C, Y2, Y0, Y2           // NEQ_OQ
	VANDPD    Y2, Y1, Y1
	VMOVMSKPD Y1, BX
	CMPL      BX, $15
	JNE       trigdone

	// kd = round(x*N/2pi) by the shift; Y1 holds ki in its low bits.
	VMULPD TRIG_INV(R8), Y0, Y1
	VADDPD TRIG_SHIFT(R8), Y1, Y1
	VSUBPD TRIG_SHIFT(R8), Y1, Y2

	// t = x - kd*A, u = kd*B, r1 = t - u,
	// e1 = (t - (r1 + b1)) + (b1 - u) with b1 = t - r1.
	VMULPD TRIG_A(R8), Y2, Y3
	VSUBPD Y3, Y0, Y3
	VMULPD TRIG_B(R8), Y2, Y4
	VSUBPD Y4, Y3, Y5
	VSUBPD Y5, Y3, Y6
	VADDPD Y6, Y5, Y7
	VSUBPD Y7, Y3, Y7
	VSUBPD Y4, Y6, Y6
	VADDPD Y6, Y7, Y7

	// v = kd*C, r = r1 - v,
	// e2 = (r1 - (r + b2)) + (b2 - v) with b2 = r1 - r; rl = e1 + e2.
	VMULPD TRIG_C(R8), Y2, Y2
	VSUBPD Y2, Y5, Y3
	VSUBPD Y3, Y5, Y4
	VADDPD Y4, Y3, Y6
	VSUBPD Y6, Y5, Y6
	VSUBPD Y2, Y4, Y4
	VADDPD Y4, Y6, Y6
	VADDPD Y6, Y7, Y7

	// j = 4*(ki mod N): sh, sl, ch, cl = trigTab[j..j+3].
	// The rows (32 bytes each) are loaded a half at a time: Y8 = sh, sl
	// of lanes 0 and 2, Y9 of lanes 1 and 3, Y10 and Y11 the same for ch,
	// cl, then unpacked into one vector a value.
	VPAND        TRIG_MASK(R8), Y1, Y1
	VPSLLQ       $5, Y1, Y1
	VEXTRACTI128 $1, Y1, X2
	VMOVQ        X1, BX
	VPEXTRQ      $1, X1, R11
	VMOVQ        X2, R12
	VPEXTRQ      $1, X2, R13
	VMOVUPD      (R9)(BX*1), X8
	VINSERTF128  $1, (R9)(R12*1), Y8, Y8
	VMOVUPD      (R9)(R11*1), X9
	VINSERTF128  $1, (R9)(R13*1), Y9, Y9
	VMOVUPD      16(R9)(BX*1), X10
	VINSERTF128  $1, 16(R9)(R12*1), Y10, Y10
	VMOVUPD      16(R9)(R11*1), X11
	VINSERTF128  $1, 16(R9)(R13*1), Y11, Y11
	VUNPCKHPD    Y9, Y8, Y2
	VUNPCKLPD    Y9, Y8, Y8
	VMOVAPD      Y2, Y9
	VUNPCKHPD    Y11, Y10, Y2
	VUNPCKLPD    Y11, Y10, Y10
	VMOVAPD      Y2, Y11

	// sr = r + (rl + (r*r2)*(S3 + r2*(S5 + r2*S7)))
	VMULPD Y3, Y3, Y4
	VMULPD TRIG_S7(R8), Y4, Y5
	VADDPD TRIG_S5(R8), Y5, Y5
	VMULPD Y5, Y4, Y5
	VADDPD TRIG_S3(R8), Y5, Y5
	VMULPD Y4, Y3, Y6
	VMULPD Y5, Y6, Y6
	VADDPD Y6, Y7, Y7
	VADDPD Y7, Y3, Y7

	// cm = r2*(C2 + r2*(C4 + r2*C6))
	VMULPD TRIG_C6(R8), Y4, Y5
	VADDPD TRIG_C4(R8), Y5, Y5
	VMULPD Y5, Y4, Y5
	VADDPD TRIG_C2(R8), Y5, Y5
	VMULPD Y5, Y4, Y5

	// sin = sh + ((sl + sh*cm) + ch*sr)
	TESTQ   DI, DI
	JZ      trigcos
	VMULPD  Y5, Y8, Y6
	VADDPD  Y6, Y9, Y6
	VMULPD  Y7, Y10, Y12
	VADDPD  Y12, Y6, Y6
	VADDPD  Y6, Y8, Y6
	VMOVUPD Y6, (DI)(R10*1)

trigcos:
	// cos = ch + ((cl + ch*cm) - sh*sr)
	TESTQ   DX, DX
	JZ      trignext
	VMULPD  Y5, Y10, Y12
	VADDPD  Y12, Y11, Y12
	VMULPD  Y7, Y8, Y13
	VSUBPD  Y13, Y12, Y12
	VADDPD  Y12, Y10, Y12
	VMOVUPD Y12, (DX)(R10*1)

trignext:
	ADDQ $32, R10
	ADDQ $4, AX
	DECQ CX
	JNZ  trigloop

trigdone:
	VZEROUPPER
	MOVQ AX, done+56(FP)
	RET

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

// func divSqAVX2(dst, u, a *float64, n int, c, ac, aw float64, mode int)
//
// dst = (c*u) / (t*t) with t = a (mode 0), ac + a (mode 1) or
// ac + aw*a (mode 2).
TEXT ·divSqAVX2(SB), NOSPLIT, $0-64
	MOVQ         dst+0(FP), DI
	MOVQ         u+8(FP), SI
	MOVQ         a+16(FP), DX
	MOVQ         n+24(FP), CX
	VBROADCASTSD c+32(FP), Y13
	VBROADCASTSD ac+40(FP), Y14
	VBROADCASTSD aw+48(FP), Y15
	MOVQ         mode+56(FP), R8
	XORQ         R9, R9
	SHRQ         $2, CX
	JZ           divsqdone

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
	MOVQ         dst+0(FP), DI
	MOVQ         a+8(FP), SI
	MOVQ         b+16(FP), DX
	MOVQ         n+24(FP), CX
	VBROADCASTSD c+32(FP), Y15
	XORQ         R9, R9
	SHRQ         $3, CX
	JZ           mul2tail

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
	XORQ         R8, R8
	SHRQ         $4, DX
	JZ           loodone

looblock:
	VMOVAPD Y15, Y0
	VMOVAPD Y15, Y1
	VMOVAPD Y15, Y2
	VMOVAPD Y15, Y3
	XORQ    R9, R9

looprefix:
	MOVQ    (DI)(R9*8), R10
	VMOVUPD Y0, (R10)(R8*1)
	VMOVUPD Y1, 32(R10)(R8*1)
	VMOVUPD Y2, 64(R10)(R8*1)
	VMOVUPD Y3, 96(R10)(R8*1)
	MOVQ    (SI)(R9*8), R11
	VMULPD  (R11)(R8*1), Y0, Y0
	VMULPD  32(R11)(R8*1), Y1, Y1
	VMULPD  64(R11)(R8*1), Y2, Y2
	VMULPD  96(R11)(R8*1), Y3, Y3
	INCQ    R9
	CMPQ    R9, CX
	JNE     looprefix
	MOVQ    (DI)(CX*8), R10
	VMOVUPD Y0, (R10)(R8*1)
	VMOVUPD Y1, 32(R10)(R8*1)
	VMOVUPD Y2, 64(R10)(R8*1)
	VMOVUPD Y3, 96(R10)(R8*1)

	// s = args[n-1]
	LEAQ    -1(CX), R9
	MOVQ    (SI)(R9*8), R11
	VMOVUPD (R11)(R8*1), Y0
	VMOVUPD 32(R11)(R8*1), Y1
	VMOVUPD 64(R11)(R8*1), Y2
	VMOVUPD 96(R11)(R8*1), Y3
	DECQ    R9
	JS      loonext

loosuffix:
	MOVQ    (DI)(R9*8), R10
	VMULPD  (R10)(R8*1), Y0, Y4
	VMULPD  32(R10)(R8*1), Y1, Y5
	VMULPD  64(R10)(R8*1), Y2, Y6
	VMULPD  96(R10)(R8*1), Y3, Y7
	VMOVUPD Y4, (R10)(R8*1)
	VMOVUPD Y5, 32(R10)(R8*1)
	VMOVUPD Y6, 64(R10)(R8*1)
	VMOVUPD Y7, 96(R10)(R8*1)
	MOVQ    (SI)(R9*8), R11
	VMULPD  (R11)(R8*1), Y0, Y0
	VMULPD  32(R11)(R8*1), Y1, Y1
	VMULPD  64(R11)(R8*1), Y2, Y2
	VMULPD  96(R11)(R8*1), Y3, Y3
	DECQ    R9
	JNS     loosuffix

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
	XORQ         R8, R8
	SHRQ         $5, BX
	JZ           lindone

linblock:
	VMOVAPD Y13, Y0
	VMOVAPD Y13, Y1
	VMOVAPD Y13, Y2
	VMOVAPD Y13, Y3
	VMOVAPD Y13, Y4
	VMOVAPD Y13, Y5
	VMOVAPD Y13, Y6
	VMOVAPD Y13, Y7
	XORQ    R9, R9
	TESTQ   DX, DX
	JZ      linplain

linweighted:
	MOVQ         (SI)(R9*8), R10
	VBROADCASTSD (DX)(R9*8), Y12
	VMULPD       (R10)(R8*1), Y12, Y8
	VMULPD       32(R10)(R8*1), Y12, Y9
	VMULPD       64(R10)(R8*1), Y12, Y10
	VMULPD       96(R10)(R8*1), Y12, Y11
	VADDPD       Y8, Y0, Y0
	VADDPD       Y9, Y1, Y1
	VADDPD       Y10, Y2, Y2
	VADDPD       Y11, Y3, Y3
	VMULPD       128(R10)(R8*1), Y12, Y8
	VMULPD       160(R10)(R8*1), Y12, Y9
	VMULPD       192(R10)(R8*1), Y12, Y10
	VMULPD       224(R10)(R8*1), Y12, Y11
	VADDPD       Y8, Y4, Y4
	VADDPD       Y9, Y5, Y5
	VADDPD       Y10, Y6, Y6
	VADDPD       Y11, Y7, Y7
	INCQ         R9
	CMPQ         R9, CX
	JNE          linweighted
	JMP          linstore

linplain:
	MOVQ   (SI)(R9*8), R10
	VADDPD (R10)(R8*1), Y0, Y0
	VADDPD 32(R10)(R8*1), Y1, Y1
	VADDPD 64(R10)(R8*1), Y2, Y2
	VADDPD 96(R10)(R8*1), Y3, Y3
	VADDPD 128(R10)(R8*1), Y4, Y4
	VADDPD 160(R10)(R8*1), Y5, Y5
	VADDPD 192(R10)(R8*1), Y6, Y6
	VADDPD 224(R10)(R8*1), Y7, Y7
	INCQ   R9
	CMPQ   R9, CX
	JNE    linplain

linstore:
	VMOVUPD Y0, (DI)(R8*1)
	VMOVUPD Y1, 32(DI)(R8*1)
	VMOVUPD Y2, 64(DI)(R8*1)
	VMOVUPD Y3, 96(DI)(R8*1)
	VMOVUPD Y4, 128(DI)(R8*1)
	VMOVUPD Y5, 160(DI)(R8*1)
	VMOVUPD Y6, 192(DI)(R8*1)
	VMOVUPD Y7, 224(DI)(R8*1)
	ADDQ    $256, R8
	DECQ    BX
	JNZ     linblock

lindone:
	VZEROUPPER
	RET
