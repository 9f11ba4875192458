//go:build amd64 && !purego

#include "textflag.h"

// func prefetchSlot(slots *[]slot, h uint64) int
//
// The home slot of hash h in the table *slots (home in intern.go: the high
// word of h times the Fibonacci constant, times the length), loaded into
// the cache, for writing (PREFETCHW) where the processor has it
// (slotWrite), else with PREFETCHT0; it returns the slot's index. The
// slice header is read without the shard's lock: a header torn by a
// concurrent resize gives a wrong address, and a prefetch of any address
// is a hint that never faults.
TEXT ·prefetchSlot(SB), NOSPLIT, $0-24
	MOVQ slots+0(FP), AX
	MOVQ 0(AX), BX          // the slots' array
	MOVQ 8(AX), CX          // their number
	MOVQ h+8(FP), AX
	MOVQ $0x9e3779b97f4a7c15, DX  // fibonacci (intern.go)
	IMULQ DX, AX
	MULQ CX                 // DX: the high word of AX*CX, the home slot
	MOVQ DX, ret+16(FP)
	LEAQ (DX)(DX*2), DX     // a slot is three words
	CMPB ·slotWrite(SB), $0
	JEQ  read
	// PREFETCHW (BX)(DX*8), which the assembler does not spell
	BYTE $0x0F; BYTE $0x0D; BYTE $0x0C; BYTE $0xD3
	RET
read:
	PREFETCHT0 (BX)(DX*8)
	RET

// func hasPrefetchW() bool
//
// Whether the processor has PREFETCHW: CPUID leaf 0x80000001, bit 8 of ECX
// (PRFCHW, 3DNowPrefetch on AMD's).
TEXT ·hasPrefetchW(SB), NOSPLIT, $0-1
	MOVL $0x80000000, AX
	CPUID
	CMPL AX, $0x80000001
	JB   none
	MOVL $0x80000001, AX
	XORL CX, CX
	CPUID
	SHRL $8, CX
	ANDL $1, CX
	MOVB CX, ret+0(FP)
	RET
none:
	MOVB $0, ret+0(FP)
	RET

// func prefetch(p unsafe.Pointer)
//
// PREFETCHT0 of the cache line at p: a hint that never faults.
TEXT ·prefetch(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	PREFETCHT0 (AX)
	RET
