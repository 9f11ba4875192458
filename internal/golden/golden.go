// Package golden reads and rewrites the golden test files of symdiff, in
// the style of ivy's testdata: one case per block, the input on one line,
// the expected output on the following line(s) each indented by a tab,
// and a blank line between cases. Lines starting with # are comments; a
// comment block just before a case stays with that case when the file is
// rewritten, and the comment block at the top of the file is its header.
//
// A test reads the cases with Read, computes each output, and calls Check,
// which compares them with the expected outputs or, when the test binary
// runs with -update, writes the outputs into the file instead. A human
// reads every change -update makes (git diff) before committing it.
package golden

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected outputs of the golden testdata files")

// Updating reports whether the test binary runs with -update.
func Updating() bool { return *update }

// A Case is one block of a golden file.
type Case struct {
	Comment []string // the comment lines just before the input
	Input   string   // the input line
	Want    string   // the expected output, its lines joined by "\n"
	Line    int      // the line of Input in the file, from 1
}

// Name is the case's place in its file, for messages and subtest names.
func (c Case) Name(file string) string { return fmt.Sprintf("%s:%d", file, c.Line) }

// A Reporter is the part of testing.TB that Check uses.
type Reporter interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// A File is a golden file: its header comment and its cases.
type File struct {
	Path   string
	Header []string
	Cases  []Case
}

// Read parses the golden file at path.
func Read(t testing.TB, path string) *File {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f := &File{Path: path}
	var comment []string
	headerDone := false
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		switch {
		case l == "":
			if !headerDone && comment != nil {
				f.Header, comment, headerDone = comment, nil, true
			}
		case strings.HasPrefix(l, "#"):
			comment = append(comment, l)
		case strings.HasPrefix(l, "\t"):
			t.Fatalf("%s:%d: an expected output with no input before it", path, i+1)
		default:
			headerDone = true
			c := Case{Comment: comment, Input: l, Line: i + 1}
			comment = nil
			var want []string
			for i+1 < len(lines) && strings.HasPrefix(lines[i+1], "\t") {
				i++
				want = append(want, lines[i][1:])
			}
			if len(want) == 0 && !*update {
				t.Fatalf("%s:%d: %q has no expected output (run the test with -update to write it)", path, c.Line, l)
			}
			c.Want = strings.Join(want, "\n")
			f.Cases = append(f.Cases, c)
		}
	}
	if comment != nil {
		t.Fatalf("%s: a comment at the end of the file belongs to no case", path)
	}
	return f
}

// Check compares got[i], the output of case i, with its expected output,
// reporting each difference; with -update it writes got into the file
// instead, unless an output is empty (its case failed before producing
// one). got must have one entry per case.
func (f *File) Check(t Reporter, got []string) {
	t.Helper()
	if len(got) != len(f.Cases) {
		t.Fatalf("%s: %d outputs for %d cases", f.Path, len(got), len(f.Cases))
	}
	if *update {
		for i, g := range got {
			if g == "" {
				t.Fatalf("%s: no output for %q (did its case fail?): the file is not rewritten", f.Cases[i].Name(f.Path), f.Cases[i].Input)
			}
		}
		if err := os.WriteFile(f.Path, []byte(f.format(got)), 0o644); err != nil {
			t.Fatalf("%v", err)
		}
		return
	}
	for i, c := range f.Cases {
		if got[i] != c.Want {
			t.Errorf("%s:\n%s\ngot\n\t%s\nwant\n\t%s", c.Name(f.Path), c.Input,
				strings.ReplaceAll(got[i], "\n", "\n\t"), strings.ReplaceAll(c.Want, "\n", "\n\t"))
		}
	}
}

// format writes the file back with the outputs got.
func (f *File) format(got []string) string {
	var b strings.Builder
	for _, l := range f.Header {
		b.WriteString(l + "\n")
	}
	for i, c := range f.Cases {
		if i > 0 || len(f.Header) > 0 {
			b.WriteString("\n")
		}
		for _, l := range c.Comment {
			b.WriteString(l + "\n")
		}
		b.WriteString(c.Input + "\n")
		for _, l := range strings.Split(got[i], "\n") {
			b.WriteString("\t" + l + "\n")
		}
	}
	return b.String()
}
