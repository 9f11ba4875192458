// Package imgdiff compares pictures with a tolerance, for golden-image
// tests that must not fail when a font renders a pixel differently but
// must fail when a curve moves.
package imgdiff

import (
	"bytes"
	"fmt"
	"image"
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
	differ := 0
	for y := range ra.Dy() {
		for x := range ra.Dx() {
			r1, g1, b1, _ := ia.At(ra.Min.X+x, ra.Min.Y+y).RGBA()
			r2, g2, b2, _ := ib.At(rb.Min.X+x, rb.Min.Y+y).RGBA()
			if max(absDiff(r1, r2), absDiff(g1, g2), absDiff(b1, b2))>>8 > Threshold {
				differ++
			}
		}
	}
	return float64(differ) / float64(ra.Dx()*ra.Dy()), nil
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
