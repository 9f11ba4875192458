// Package imgdiff compares pictures with a tolerance, for golden-image
// tests that must not fail when a font renders a pixel differently but
// must fail when a curve moves.
package imgdiff

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"
)

// Threshold is the difference in some colour channel (of 255) from which
// a pixel counts as different.
const Threshold = 48

// PNG returns the fraction of the pixels of two PNG images that differ
// by more than Threshold in some channel. Images of different sizes are
// an error.
func PNG(a, b []byte) (float64, error) {
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		return 0, err
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return 0, err
	}
	return Images(ia, ib)
}

// Images is PNG for decoded images.
func Images(ia, ib image.Image) (float64, error) {
	ra, rb := ia.Bounds(), ib.Bounds()
	if ra.Size() != rb.Size() {
		return 0, fmt.Errorf("the images differ in size: %v and %v", ra.Size(), rb.Size())
	}
	pa, pb := rgba(ia).Pix, rgba(ib).Pix
	differ := 0
	for i := 0; i < len(pa); i += 4 {
		d := max(absDiff(pa[i], pb[i]), absDiff(pa[i+1], pb[i+1]), absDiff(pa[i+2], pb[i+2]))
		if d > Threshold {
			differ++
		}
	}
	return float64(differ) / float64(ra.Dx()*ra.Dy()), nil
}

// rgba returns img as an RGBA image with its origin at 0, 0 (a copy
// unless it is one already).
func rgba(img image.Image) *image.RGBA {
	if m, ok := img.(*image.RGBA); ok && m.Rect.Min == (image.Point{}) && m.Stride == 4*m.Rect.Dx() {
		return m
	}
	b := img.Bounds()
	m := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(m, m.Rect, img, b.Min, draw.Src)
	return m
}

func absDiff(a, b uint8) uint8 {
	if a > b {
		return a - b
	}
	return b - a
}
