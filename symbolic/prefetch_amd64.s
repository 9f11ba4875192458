//go:build amd64 && !purego

#include "textflag.h"

// func prefetchSlot(slots *[]slot, h uint64) int
//
// The home slot of hash h in the table *slots (home in intern.go: the high
// word of h times the Fibonacci constant, times the length), loaded into
// the cache with PREFETCHT0; it returns the slot's index. The slice header
// is read without the shard's lock: a header torn by a concurrent resize
// gives a wrong address, and a prefetch of any address is a hint that
// never faults.
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
	PREFETCHT0 (BX)(DX*8)
	RET

// func prefetch(p unsafe.Pointer)
//
// PREFETCHT0 of the cache line at p: a hint that never faults.
TEXT ·prefetch(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	PREFETCHT0 (AX)
	RET
