// Shared by the AVX2 kernels (simd_amd64.s) and the AVX-512 ones
// (simd512_amd64.s): the offsets of expfast's and sincosfast's constants
// in expVec and trigVec, the kernels' argument loads, and their
// arithmetic as macros over the registers and constant operands they are
// given (Y registers and memory for four lanes, Z registers for eight),
// so that both widths run the same operations in the same order as the
// scalar Go code by construction. Operands are in Go's order: sources,
// then the destination.

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

// EXP_ARGS loads expBatch*(dst, a []float64, neg bool), given the
// arguments' FP operands (written at the call, where go vet checks
// them): DI = dst, CX = len(dst), SI = a, DX = neg; R8 = expVec, R9 =
// expTab.
#define EXP_ARGS(dst, n, a, neg) \
	MOVQ    dst, DI; \
	MOVQ    n, CX; \
	MOVQ    a, SI; \
	MOVBLZX neg, DX; \
	LEAQ    ·expVec(SB), R8; \
	LEAQ    ·expTab(SB), R9

// TRIG_ARGS loads sincosBatch*(s, c, a *float64, n int, ac, aw float64,
// affine bool), given the arguments' FP operands: DI = s, DX = c, SI =
// a, CX = n, ac and aw broadcast into vac and vaw; R8 = trigVec, R9 =
// trigTab, R10 = 0 (the byte offset of the block).
#define TRIG_ARGS(s, c, a, n, ac, aw, vac, vaw) \
	XORQ         R10, R10; \
	MOVQ         s, DI; \
	MOVQ         c, DX; \
	MOVQ         a, SI; \
	MOVQ         n, CX; \
	VBROADCASTSD ac, vac; \
	VBROADCASTSD aw, vaw; \
	LEAQ         ·trigVec(SB), R8; \
	LEAQ         ·trigTab(SB), R9

// TRIG_X loads the block's x from (SI)(R10*1), and sets x = ac + aw*x
// if affine (the FP operand of the argument) is set, the product
// rounded; skip is a label for the jump.
#define TRIG_X(x, vac, vaw, affine, skip) \
	VMOVUPD (SI)(R10*1), x; \
	CMPB    affine, $0; \
	JEQ     skip; \
	VMULPD  vaw, x, x; \
	VADDPD  x, vac, x; \
skip:

// BLOCKS zeroes the register z (the points done or the byte offset of
// the block), turns the count n into blocks of 2^shift points and goes
// to none if there is none.
#define BLOCKS(z, n, shift, none) \
	XORQ z, z; \
	SHRQ $shift, n; \
	JZ   none

// NEXT_BLOCK counts the block's lanes as done (AX) and goes back to
// loop while blocks remain (CX).
#define NEXT_BLOCK(lanes, loop) \
	ADDQ $lanes, AX; \
	DECQ CX; \
	JNZ  loop

// DONE is the kernel's exit, at the label here: it returns the points
// done (AX) in the result done (its FP operand), the upper halves of the
// vector registers cleared.
#define DONE(here, done) \
here: \
	VZEROUPPER; \
	MOVQ AX, done; \
	RET

// ROUND_SHIFT sets k = x*inv + shift and kd = k - shift: kd is x*inv
// rounded to an integer, k holds it in its low bits (two's complement).
#define ROUND_SHIFT(x, inv, shift, k, kd) \
	VMULPD inv, x, k; \
	VADDPD shift, k, k; \
	VSUBPD shift, k, kd

// TWODIFF sets d = a - b and e to its rounding error (a TwoSum, exact
// whatever the magnitudes): e = (a - (d + s)) + (s - b) with s = a - d;
// s is clobbered.
#define TWODIFF(a, b, d, s, e) \
	VSUBPD b, a, d; \
	VSUBPD d, a, s; \
	VADDPD s, d, e; \
	VSUBPD e, a, e; \
	VSUBPD b, s, s; \
	VADDPD s, e, e

// HORNER2 sets p = a + x*(b + x*c).
#define HORNER2(x, a, b, c, p) \
	VMULPD c, x, p; \
	VADDPD b, p, p; \
	VMULPD p, x, p; \
	VADDPD a, p, p

// LANES puts the four 64-bit lanes of the 256-bit register y (x its low
// half, xhi a scratch register for the high one) into a, b, c, d.
#define LANES(y, x, xhi, a, b, c, d) \
	VEXTRACTI128 $1, y, xhi; \
	VMOVQ        x, a; \
	VPEXTRQ      $1, x, b; \
	VMOVQ        xhi, c; \
	VPEXTRQ      $1, xhi, d

// PAIRS loads the 16 bytes at off(R9) plus the byte offsets i0 to i3 of
// four lanes: those of lanes 0 and 2 into the low 256 bits of the
// register ve (xe its low half), of lanes 1 and 3 into vo (xo); ins is
// the 128-bit insert of the register width (VINSERTF128 for Y,
// VINSERTF32X4 for Z).
#define PAIRS(ins, off, i0, i1, i2, i3, xe, ve, xo, vo) \
	VMOVUPD off(R9)(i0*1), xe; \
	ins     $1, off(R9)(i2*1), ve, ve; \
	VMOVUPD off(R9)(i1*1), xo; \
	ins     $1, off(R9)(i3*1), vo, vo

// UNPACK turns e = (p0, q0, p2, q2...) and o = (p1, q1, p3, q3...),
// pairs of the even and the odd lanes, into e = (p0, p1, p2, p3...) and
// o = (q0, q1, q2, q3...); t is a scratch register.
#define UNPACK(e, o, t) \
	VUNPCKHPD o, e, t; \
	VUNPCKLPD o, e, e; \
	VMOVAPD   t, o

// EXP_REDUCE is expfast's reduction: kd = round(x*N/ln2) (k holds it in
// its low bits), r = (x - kd*ln2hi) - kd*ln2lo; t is clobbered.
#define EXP_REDUCE(x, inv, shift, hi, lo, k, kd, r, t) \
	ROUND_SHIFT(x, inv, shift, k, kd); \
	VMULPD hi, kd, r; \
	VSUBPD r, x, r; \
	VMULPD lo, kd, t; \
	VSUBPD t, r, r

// EXP_POLY is the rest of expfast from r and the table's pairs (tail,
// H bits) of the even lanes in e and of the odd ones in o: scale = the
// H bits + top (the exponent bits ki<<45), then e = scale +
// scale*(((tail + r) + r2*(c2 + r*c3)) + (r2*r2)*(c4 + r*c5)) with r2 =
// r*r; o, r2, t, u and w are clobbered.
#define EXP_POLY(r, e, o, top, c2, c3, c4, c5, scale, r2, t, u, w) \
	VUNPCKHPD o, e, scale; \
	VUNPCKLPD o, e, e; \
	VPADDQ    top, scale, scale; \
	VMULPD    r, r, r2; \
	VADDPD    r, e, e; \
	VMULPD    c3, r, t; \
	VADDPD    c2, t, t; \
	VMULPD    t, r2, t; \
	VADDPD    t, e, e; \
	VMULPD    c5, r, u; \
	VADDPD    c4, u, u; \
	VMULPD    r2, r2, w; \
	VMULPD    u, w, w; \
	VADDPD    w, e, e; \
	VMULPD    e, scale, e; \
	VADDPD    e, scale, e

// EXP_NEXT stores the block's results v at DI, moves SI and DI on by
// bytes and goes on as NEXT_BLOCK.
#define EXP_NEXT(v, bytes, lanes, loop) \
	VMOVUPD v, (DI); \
	ADDQ    $bytes, SI; \
	ADDQ    $bytes, DI; \
	NEXT_BLOCK(lanes, loop)

// TRIG_REDUCE is sincosfast's reduction: kd = round(x*N/2pi) (k holds it
// in its low bits), r + rl = x - kd*(a + b + c) with the rounding errors
// of the two subtractions in rl; u, r1 and s are clobbered, kd too.
#define TRIG_REDUCE(x, inv, shift, a, b, c, k, kd, r, rl, u, r1, s) \
	ROUND_SHIFT(x, inv, shift, k, kd); \
	VMULPD a, kd, r; \
	VSUBPD r, x, r; \
	VMULPD b, kd, u; \
	TWODIFF(r, u, r1, s, rl); \
	VMULPD c, kd, kd; \
	TWODIFF(r1, kd, r, u, s); \
	VADDPD s, rl, rl

// TRIG_POLY is sincosfast's polynomials: rl = r + (rl + (r*r2)*(s3 +
// r2*(s5 + r2*s7))) (sin r), cm = r2*(c2 + r2*(c4 + r2*c6)) (cos r - 1),
// with r2 = r*r; r2 and t are clobbered.
#define TRIG_POLY(r, rl, s3, s5, s7, c2, c4, c6, r2, cm, t) \
	VMULPD r, r, r2; \
	HORNER2(r2, s3, s5, s7, cm); \
	VMULPD r2, r, t; \
	VMULPD cm, t, t; \
	VADDPD t, rl, rl; \
	VADDPD rl, r, rl; \
	HORNER2(r2, c2, c4, c6, cm); \
	VMULPD cm, r2, cm

// SINCOS_OUT sets t = h + ((l + h*cm) op o*sr): the sine with op VADDPD
// and h, l, o = sh, sl, ch; the cosine with op VSUBPD and h, l, o = ch,
// cl, sh. u is clobbered.
#define SINCOS_OUT(op, h, l, o, cm, sr, t, u) \
	VMULPD cm, h, t; \
	VADDPD t, l, t; \
	VMULPD sr, o, u; \
	op     u, t, t; \
	VADDPD t, h, t

// TRIG_OUT stores the sines (sh + ((sl + sh*cm) + ch*sr), in t) at
// (DI)(R10*1) unless DI is nil, and the cosines (ch + ((cl + ch*cm) -
// sh*sr), in u) at (DX)(R10*1) unless DX is nil; nosin and nocos are
// labels for the skips, w is clobbered.
#define TRIG_OUT(sh, sl, ch, cl, cm, sr, t, u, w, nosin, nocos) \
	TESTQ   DI, DI; \
	JZ      nosin; \
	SINCOS_OUT(VADDPD, sh, sl, ch, cm, sr, t, u); \
	VMOVUPD t, (DI)(R10*1); \
nosin: \
	TESTQ   DX, DX; \
	JZ      nocos; \
	SINCOS_OUT(VSUBPD, ch, cl, sh, cm, sr, u, w); \
	VMOVUPD u, (DX)(R10*1); \
nocos:
