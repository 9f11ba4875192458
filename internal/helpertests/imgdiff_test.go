package helpertests_test

import (
	"bytes"
	"github.com/symdiff/symdiff/internal/imgdiff"
	"image"
	"image/color"
	"image/png"
	"testing"
)

func encode(t *testing.T, img image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestImgdiffPNG(t *testing.T) {
	white := func() *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, 10, 10))
		for y := range 10 {
			for x := range 10 {
				img.Set(x, y, color.White)
			}
		}
		return img
	}
	a, b := white(), white()
	b.Set(1, 1, color.Black)                     // differs
	b.Set(2, 2, color.RGBA{240, 240, 240, 0xff}) // within the threshold
	tests := []struct {
		a, b image.Image
		want float64
	}{
		{a, a, 0},
		{a, b, 0.01},
	}
	for _, tt := range tests {
		got, err := imgdiff.PNG(encode(t, tt.a), encode(t, tt.b))
		if err != nil || got != tt.want {
			t.Errorf("got %v, %v; want %v", got, err, tt.want)
		}
	}
	if _, err := imgdiff.PNG(encode(t, a), encode(t, image.NewRGBA(image.Rect(0, 0, 5, 5)))); err == nil {
		t.Error("images of different sizes compared without an error")
	}
}
