//go:build ignore

// gentables writes tables.bin, the tables of expfast and sincosfast as
// package numeric/internal/tables computes them: go generate ./numeric
// (the -exp and -trig bits must be expBits and trigBits; TestTables
// checks the file).
package main

import (
	"flag"
	"log"
	"os"

	"github.com/symdiff/symdiff/numeric/internal/tables"
)

func main() {
	expBits := flag.Uint("exp", 7, "log2 of the exp table's rows")
	trigBits := flag.Uint("trig", 7, "log2 of the trig table's nodes a turn")
	out := flag.String("o", "tables.bin", "the file to write")
	flag.Parse()
	if err := os.WriteFile(*out, tables.Encode(tables.Exp(*expBits), tables.Trig(*trigBits)), 0o644); err != nil {
		log.Fatal(err)
	}
}
