package cli

import (
	"flag"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the help blocks of docs/cli.md from --help, and the pictures of docs/plot/")

const cliDoc = "../../docs/cli.md"

// helpBlock matches a block of docs/cli.md that holds the help of a
// command ("" for symdiff --help): <!-- help NAME --> then a fenced block.
var helpBlock = regexp.MustCompile("(?s)<!-- help ([a-z]*) -->\n```text\n(.*?)```\n")

// docs/cli.md holds the help of symdiff and of every command word for
// word, so that the two cannot drift; go test -run TestDocsMatchHelp
// -update rewrites the blocks.
func TestDocsMatchHelp(t *testing.T) {
	b, err := os.ReadFile(cliDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	want := map[string]string{"": help()}
	for _, k := range commands() {
		want[k.name] = commandHelp(k)
	}
	seen := map[string]bool{}
	doc = helpBlock.ReplaceAllStringFunc(doc, func(m string) string {
		sub := helpBlock.FindStringSubmatch(m)
		name, got := sub[1], sub[2]
		w, ok := want[name]
		if !ok {
			t.Errorf("docs/cli.md has help for %q, which is no command", name)
			return m
		}
		seen[name] = true
		if got != w && !*update {
			t.Errorf("docs/cli.md's help of %q differs from symdiff %s --help (go test ./internal/cli -run TestDocsMatchHelp -update rewrites it):\n--- docs\n%s\n--- help\n%s", name, name, got, w)
		}
		return "<!-- help " + name + " -->\n```text\n" + w + "```\n"
	})
	for name := range want {
		if !seen[name] {
			t.Errorf("docs/cli.md lacks the help of %q (a block <!-- help %s -->)", name, name)
		}
	}
	if *update {
		if err := os.WriteFile(cliDoc, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Every field of the JSON output is described in docs/cli.md (named
// there as `field`).
func TestDocsJSONFields(t *testing.T) {
	b, err := os.ReadFile(cliDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	names := map[string]bool{"line": true} // batch's line number
	for _, v := range []any{diffResult{}, simplifyResult{}, evalResult{}, gradResult{}, matrixResult{}, graphResult{}, plotResult{}, codegenResult{}, equalResult{}, stepsResult{}, errorJSON{}, versionJSON{}, batchItem{}} {
		jsonFields(reflect.TypeOf(v), names, map[reflect.Type]bool{})
	}
	if len(names) < 40 {
		t.Fatalf("only %d JSON fields found: %v", len(names), names)
	}
	for name := range names {
		if !strings.Contains(doc, "`"+name+"`") {
			t.Errorf("docs/cli.md does not describe the JSON field `%s`", name)
		}
	}
}

// jsonFields adds the JSON names of t's fields, and of the fields of the
// types it holds, to names.
func jsonFields(t reflect.Type, names map[string]bool, seen map[reflect.Type]bool) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] {
		return
	}
	seen[t] = true
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			jsonFields(f.Type, names, seen)
			continue
		}
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || tag == "-" {
			continue
		}
		if tag == "" {
			tag = f.Name
		}
		names[tag] = true
		jsonFields(f.Type, names, seen)
	}
}
