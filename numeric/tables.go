package numeric

import (
	_ "embed"

	"github.com/symdiff/symdiff/numeric/internal/tables"
)

//go:generate go run gentables.go -exp 7 -trig 7 -o tables.bin

// tablesBin is expTab then trigTab, each float64 little-endian, as
// package numeric/internal/tables computes them from their definition
// (TestTables requires the file to be exactly that). A file read at init
// rather than a computation, so that importing the package costs no
// start-up time.
//
//go:embed tables.bin
var tablesBin []byte

// expTab[2j] = T[j], expTab[2j+1] = H[j] with j*2^45 subtracted from
// its bits, so that adding k*2^45 (k = j mod N) to the bits gives
// H[j]*2^floor(k/N) (see expfast).
var expTab [2 * expN]float64

// trigTab[4j..4j+3] = sin(j*2pi/N) and its rounding error, cos(j*2pi/N)
// and its rounding error (see sincosfast).
var trigTab [4 * trigN]float64

func init() {
	if err := tables.Decode(tablesBin, expTab[:], trigTab[:]); err != nil {
		panic(err)
	}
}
