package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/symdiff/symdiff/latex"
	"github.com/symdiff/symdiff/symbolic"
)

// This file holds the output formats. Every command computes a result (see
// result.go); one outputFormat writes any result as text, LaTeX, Markdown
// or JSON, so that a new format touches only this file.

// An outputFormat is a way of writing results.
type outputFormat int

const (
	textFormat     outputFormat = iota // the result as symdiff's input syntax
	latexFormat                        // LaTeX math, one formula a line; vectors and matrices as pmatrix
	markdownFormat                     // Markdown with $$ blocks (MathJax, KaTeX)
	jsonFormat                         // one JSON object (result.go defines the schema)
)

// formatOf returns the format the flags of a ask for.
func formatOf(a args) outputFormat {
	switch {
	case a.has("json"):
		return jsonFormat
	case a.has("latex"):
		return latexFormat
	case a.has("markdown"):
		return markdownFormat
	}
	return textFormat
}

// formatConflicts are the pairs of format flags that cannot be combined.
var formatConflicts = [][2]string{{"json", "latex"}, {"json", "markdown"}, {"latex", "markdown"}}

// A result is what one command computed for one expression. It is written
// as JSON by encoding/json, and in the other formats through its blocks.
type result interface {
	head() *header
	blocks() []block
}

// A block is one piece of a result as a person reads it: an expression
// (with an optional label), a labelled column vector, a matrix, or a note
// in words (values at a point, a check's table).
type block struct {
	label  string          // for an expression: "t1" in t1 = ...; "" for none
	expr   symbolic.Expr   // an expression, or nil
	labels []string        // for a vector: one label a row (d/dw), printed in text only
	column []symbolic.Expr // a column vector, or nil
	rows   [][]symbolic.Expr
	note   string // words, written as they are ("at x=1: 2")
	// The text of expr, of column's entries and of rows' entries, when it
	// is not their String (symbolic.SharedFormatter).
	text     string
	texts    []string
	rowTexts [][]string
	// Their LaTeX, likewise, when it is not latex.Format's (a zero
	// lazyTeX is latex.Format's).
	tex    lazyTeX
	texes  []lazyTeX
	rowTeX [][]lazyTeX
}

// texAt returns the LaTeX of e, the i-th of es with their LaTeX in texes
// (if any).
func texAt(e symbolic.Expr, texes []lazyTeX, i int) string {
	if i < len(texes) && texes[i].e == e {
		return texes[i].String()
	}
	return latex.Format(e)
}

// write writes r in format f to w.
func (f outputFormat) write(w io.Writer, r result) error {
	if f == jsonFormat {
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
	b := &outBuf{w: w}
	for _, bl := range r.blocks() {
		f.writeBlock(b, bl)
	}
	b.flush()
	return b.err
}

// An outBuf gathers a result's output for one Write, except that a long
// text (a large expression's) is passed on as it is, after what has been
// gathered, rather than copied, and that what is gathered is passed on
// once it reaches maxGathered: for a result of megabytes, the copy would
// be as many megabytes of fresh memory to fault in (the 129 partials of a
// gradient, each shorter than longText, grew the buffer to 2 MB a
// doubling at a time).
type outBuf struct {
	bytes.Buffer
	w   io.Writer
	err error
}

// longText is the length from which outBuf passes a text on, and
// maxGathered the most it gathers before it writes.
const (
	longText    = 16 << 10
	maxGathered = 64 << 10
)

// WriteString gathers s, or writes it through if it is long.
func (o *outBuf) WriteString(s string) (int, error) {
	if len(s) < longText {
		if o.Len()+len(s) > maxGathered {
			o.flush()
		}
		return o.Buffer.WriteString(s)
	}
	o.flush()
	if o.err == nil {
		_, o.err = io.WriteString(o.w, s)
	}
	return len(s), nil
}

// flush writes what has been gathered.
func (o *outBuf) flush() {
	if o.Len() > 0 && o.err == nil {
		_, o.err = o.w.Write(o.Bytes())
	}
	o.Reset()
}

func (f outputFormat) writeBlock(b *outBuf, bl block) {
	line := func(s string) {
		b.WriteString(s)
		if !strings.HasSuffix(s, "\n") {
			b.WriteByte('\n')
		}
	}
	switch {
	case bl.note != "":
		if f == markdownFormat {
			line("```\n" + strings.TrimSuffix(bl.note, "\n") + "\n```")
			return
		}
		line(bl.note)
	case bl.expr != nil:
		switch f {
		case textFormat:
			// The result's text is made once, where the result is:
			// formatting a large expression again costs as much.
			text := bl.text
			if text == "" {
				text = bl.expr.String()
			}
			if bl.label != "" {
				text = bl.label + " = " + text
			}
			line(text)
		default:
			f.exprFormulas(b, bl.label, bl.expr, bl.tex)
		}
	case bl.column != nil:
		if f == textFormat {
			for i, e := range bl.column {
				var text string
				if bl.texts != nil {
					text = bl.texts[i]
				} else {
					text = e.String()
				}
				line(bl.labels[i] + " = " + text)
			}
			return
		}
		rows := make([][]string, len(bl.column))
		for i, e := range bl.column {
			rows[i] = []string{texAt(e, bl.texes, i)}
		}
		f.formula(b, pmatrix(rows))
	case bl.rows != nil:
		if f == textFormat {
			for i, row := range bl.rows {
				parts := make([]string, len(row))
				for j, x := range row {
					if bl.rowTexts != nil {
						parts[j] = bl.rowTexts[i][j]
					} else {
						parts[j] = x.String()
					}
				}
				line("[" + strings.Join(parts, ", ") + "]")
			}
			return
		}
		rows := make([][]string, len(bl.rows))
		for i, row := range bl.rows {
			var texes []lazyTeX
			if i < len(bl.rowTeX) {
				texes = bl.rowTeX[i]
			}
			for j, x := range row {
				rows[i] = append(rows[i], texAt(x, texes, j))
			}
		}
		f.formula(b, pmatrix(rows))
	}
}

// exprFormulas writes e, labelled if label is not empty, as a LaTeX
// formula (lt's LaTeX, if lt is e's). An expression whose tree is far
// larger than its DAG (the derivative of a deep chain: n cosines, each of
// the chain inside it) is written in its shared form (symbolic.Share), its
// large repeated subexpressions named u_1, u_2, ... and defined in the
// formulas after it, where that form is a small part of the tree: the
// LaTeX of the 3000-deep sine chain's derivative is then 120 KB instead of
// 27 MB.
func (f outputFormat) exprFormulas(b *outBuf, label string, e symbolic.Expr, lt lazyTeX) {
	top, defs := sharedForm(e)
	tex := latex.Format(top)
	if len(defs) == 0 && lt.e == e {
		tex = lt.whole() // (lt.String() would decide on the shared form again)
	}
	if label != "" {
		tex = latex.Format(symbolic.Sym(label)) + " = " + tex
	}
	if len(defs) > 0 {
		tex += `, \quad\text{where}`
	}
	f.formula(b, tex)
	for _, d := range defs {
		f.formula(b, latex.Format(d.Name)+" = "+latex.Format(d.Expr))
	}
}

// The shared form is written for expressions of more than shareFrom
// nodes as a tree, naming subexpressions of at least shareMinSize nodes,
// where it has at most 1/shareGain of the tree's nodes.
const (
	shareFrom    = 50_000
	shareMinSize = 8
	shareGain    = 4
)

// sharedForm returns e and no definitions, or e's shared form where it
// is worth writing (see exprFormulas).
func sharedForm(e symbolic.Expr) (symbolic.Expr, []symbolic.Definition) {
	if !treeExceeds(e, shareFrom) {
		return e, nil
	}
	tree := symbolic.TreeSize(e)
	top, defs := symbolic.Share(e, shareMinSize, "u")
	n := symbolic.TreeSize(top)
	for _, d := range defs {
		n += symbolic.TreeSize(d.Expr)
	}
	if len(defs) == 0 || shareGain*n > tree {
		return e, nil
	}
	return top, defs
}

// treeExceeds reports whether e written out as a tree has more than limit
// nodes, walking at most limit + 1 of them: for most expressions a
// result's JSON holds, cheaper than symbolic.TreeSize's walk of the DAG
// (the 300 partials of a gradient share most of theirs).
func treeExceeds(e symbolic.Expr, limit int64) bool {
	n := int64(0)
	var walk func(symbolic.Expr) bool
	walk = func(x symbolic.Expr) bool {
		if n++; n > limit {
			return true
		}
		for _, c := range symbolic.Children(x) {
			if walk(c) {
				return true
			}
		}
		return false
	}
	return walk(e)
}

// formula writes one LaTeX formula: alone on its line, or as a Markdown
// $$ block.
func (f outputFormat) formula(b *outBuf, tex string) {
	if f == markdownFormat {
		b.WriteString("$$\n" + tex + "\n$$\n")
		return
	}
	b.WriteString(tex + "\n")
}

// pmatrix writes rows of LaTeX as a pmatrix, on one line.
func pmatrix(rows [][]string) string {
	var b strings.Builder
	b.WriteString(`\begin{pmatrix}`)
	for i, row := range rows {
		if i > 0 {
			b.WriteString(` \\ `)
		}
		for j, x := range row {
			if j > 0 {
				b.WriteString(" & ")
			}
			b.WriteString(x)
		}
	}
	b.WriteString(`\end{pmatrix}`)
	return b.String()
}
