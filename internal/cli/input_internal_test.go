package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readAtMost reads what io.ReadAll of a LimitReader reads, from a regular
// file (whose size it reads ahead), a pipe and a reader with no file
// behind it, inputs shorter than the limit, as long and longer; and a
// regular file of 1 MB takes one buffer, not a growing one.
func TestReadAtMost(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 511, 512, 513, 5000, 1 << 20} {
		data := bytes.Repeat([]byte("x+1\n"), size/4+1)[:size]
		for _, limit := range []int{size/2 + 1, size, size + 1, size + 1000} {
			want, _ := io.ReadAll(io.LimitReader(bytes.NewReader(data), int64(limit)))

			path := filepath.Join(dir, "in")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			got, err := readAtMost(f, limit)
			f.Close()
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("file of %d bytes, limit %d: %d bytes, %v; want %d", size, limit, len(got), err, len(want))
			}

			if got, err := readAtMost(strings.NewReader(string(data)), limit); err != nil || !bytes.Equal(got, want) {
				t.Errorf("reader of %d bytes, limit %d: %d bytes, %v; want %d", size, limit, len(got), err, len(want))
			}

			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			go func() { w.Write(data); w.Close() }()
			got, err = readAtMost(r, limit)
			io.Copy(io.Discard, r) // let the writer finish
			r.Close()
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("pipe of %d bytes, limit %d: %d bytes, %v; want %d", size, limit, len(got), err, len(want))
			}
		}
	}

	path := filepath.Join(dir, "big")
	if err := os.WriteFile(path, bytes.Repeat([]byte("x"), 1<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(3, func() {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := readAtMost(f, 1<<20+1); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 6 { // the open file and its buffer, the stat
		t.Errorf("reading a 1 MB file took %.0f allocations: the buffer grew", allocs)
	}
}
