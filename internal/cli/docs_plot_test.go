package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/symdiff/symdiff/internal/imgdiff"
)

const plotDoc = "../../docs/plot.md"

// plotCommand matches a command of docs/plot.md that makes a picture.
var plotCommand = regexp.MustCompile("(?m)^```sh\n(symdiff plot .*) -o docs/plot/([a-z_]+\\.png)\n```\n\n!\\[[^]]*\\]\\(plot/([a-z_]+\\.png)\\)")

// maxDocDiffer is the fraction of pixels of a picture of docs/plot/ that may
// differ from what its command makes (see plot.maxDiffer).
const maxDocDiffer = 0.004

// The pictures of docs/plot.md are what the commands above them make:
// each is made again into a temporary directory and compared with a
// tolerance (a font may render differently); -update rewrites them. Every
// picture in docs/plot/ has its command.
func TestDocsPlots(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(plotDoc)
	if err != nil {
		t.Fatal(err)
	}
	ms := plotCommand.FindAllStringSubmatch(string(b), -1)
	if n := strings.Count(string(b), "```sh\nsymdiff plot"); len(ms) < 5 || len(ms) != n {
		t.Fatalf("docs/plot.md has %d pictures with their commands of %d commands, want every one (a command, -o docs/plot/NAME.png, then the picture plot/NAME.png), at least 5", len(ms), n)
	}
	made := map[string]bool{}
	dir := t.TempDir()
	for _, m := range ms {
		command, name := m[1], m[2]
		if m[3] != name {
			t.Errorf("the command makes %s but the picture below it is %s", name, m[3])
		}
		made[name] = true
		argv, err := shellWords(strings.TrimPrefix(command, "symdiff "))
		if err != nil {
			t.Fatalf("%s: %v", command, err)
		}
		out := filepath.Join(dir, name)
		if _, errOut, st := runCLI("", append(argv, "-o", out)...); st != 0 {
			t.Fatalf("%s: status %d: %s", command, st, errOut)
		}
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		doc := filepath.Join("../../docs/plot", name)
		if *update {
			if err := os.WriteFile(doc, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(doc)
		if err != nil {
			t.Fatalf("%v (go test ./internal/cli -run TestDocsPlots -update makes it)", err)
		}
		frac, err := imgdiff.PNG(got, want)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if frac > maxDocDiffer {
			t.Errorf("docs/plot/%s is stale: %.2f%% of its pixels differ from what %q makes (go test ./internal/cli -run TestDocsPlots -update rewrites it; look at it first)", name, 100*frac, command)
		}
	}
	files, _ := filepath.Glob("../../docs/plot/*.png")
	for _, f := range files {
		if !made[filepath.Base(f)] {
			t.Errorf("docs/plot/%s is made by no command of docs/plot.md", filepath.Base(f))
		}
	}
}

// shellWords splits a command line as a POSIX shell does for words with
// double or single quotes and no expansions.
func shellWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case '"', '\'':
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				return nil, os.ErrInvalid
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}
