// Package upload checks files that people send in by their content, not by
// their name or declared type: JPEG and PNG images are bounded in pixels
// from their header before anything is decoded, then decoded and written
// again by the standard library (which carries no metadata and none of
// whatever else rode along in the file); PDFs are read by a real PDF parser
// (pdfcpu) and refused when anything in them can act (scripts, actions
// that run on opening, launched programs, embedded files, forms with
// scripts), when they are encrypted, or when bytes follow the document
// (a polyglot). The checks know nothing of where a file goes next.
package upload

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
)

// Media types accepted.
const (
	JPEG = "image/jpeg"
	PNG  = "image/png"
	PDF  = "application/pdf"
)

// Error says why a file was refused. Code is a message id suffix: type,
// too_big, empty, damaged, dimensions, pdf_active, pdf_encrypted,
// pdf_polyglot. Args are the message's arguments.
type Error struct {
	Code string
	Args []any
}

func (e *Error) Error() string { return "upload: " + e.Code }

// Limits bound what one file may be.
type Limits struct {
	// MaxBytes is the largest file accepted.
	MaxBytes int64
	// MaxPixels bounds an image's width × height, read from its header
	// before decoding: a small file can declare a huge canvas, and decoding
	// takes memory by the pixel, not by the byte.
	MaxPixels int64
	// MaxSide, when set, scales a larger image down so that neither side
	// exceeds it (a photo for a card needs no 12 megapixels).
	MaxSide int
}

// File is an accepted file, ready to store.
type File struct {
	Type string
	Data []byte
}

// Read reads at most lim.MaxBytes from r; a longer body is refused as
// too_big without reading more than one byte past the limit. The caller
// bounds the request body too (http.MaxBytesReader), so a stranger cannot
// make the server read without end.
func Read(r io.Reader, lim Limits) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("upload: read: %w", err)
	}
	if int64(len(b)) > lim.MaxBytes {
		return nil, &Error{Code: "too_big", Args: []any{"mb", lim.MaxBytes >> 20}}
	}
	return b, nil
}

// Gate bounds how many files are decoded or parsed at once, so that a
// burst of uploads queues rather than piles up in memory. A nil Gate does
// not bound.
type Gate struct{ c chan struct{} }

// NewGate returns a gate that lets n checks run at once.
func NewGate(n int) *Gate { return &Gate{c: make(chan struct{}, n)} }

func (g *Gate) enter(ctx context.Context) (func(), error) {
	if g == nil {
		return func() {}, nil
	}
	select {
	case g.c <- struct{}{}:
		return func() { <-g.c }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Check accepts data when its content is one of the types in allow and
// passes that type's checks; it returns the file as it should be stored
// (images re-encoded).
func Check(ctx context.Context, g *Gate, data []byte, lim Limits, allow ...string) (File, error) {
	if len(data) == 0 {
		return File{}, &Error{Code: "empty"}
	}
	if int64(len(data)) > lim.MaxBytes {
		return File{}, &Error{Code: "too_big", Args: []any{"mb", lim.MaxBytes >> 20}}
	}
	typ := http.DetectContentType(data)
	allowed := false
	for _, a := range allow {
		allowed = allowed || a == typ
	}
	if !allowed {
		return File{}, &Error{Code: "type"}
	}
	release, err := g.enter(ctx)
	if err != nil {
		return File{}, err
	}
	defer release()
	switch typ {
	case JPEG, PNG:
		return checkImage(data, typ, lim)
	case PDF:
		if err := CheckPDF(ctx, data); err != nil {
			return File{}, err
		}
		return File{Type: PDF, Data: data}, nil
	}
	return File{}, &Error{Code: "type"}
}

// checkImage bounds the image by its header, decodes it and writes it
// again. Whatever followed the image data (a PDF or a ZIP appended to make
// a polyglot) and every metadata block are left behind.
func checkImage(data []byte, typ string, lim Limits) (File, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "jpeg" && format != "png") || cfg.Width <= 0 || cfg.Height <= 0 {
		return File{}, &Error{Code: "damaged"}
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > lim.MaxPixels {
		return File{}, &Error{Code: "dimensions", Args: []any{"mp", lim.MaxPixels / 1_000_000, "got", (px + 500_000) / 1_000_000}}
	}
	var img image.Image
	if typ == JPEG {
		img, err = jpeg.Decode(bytes.NewReader(data))
	} else {
		img, err = png.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return File{}, &Error{Code: "damaged"}
	}
	if lim.MaxSide > 0 {
		img = shrink(img, lim.MaxSide)
	}
	var out bytes.Buffer
	if typ == JPEG {
		err = jpeg.Encode(&out, img, &jpeg.Options{Quality: 85})
	} else {
		err = png.Encode(&out, img)
	}
	if err != nil {
		return File{}, fmt.Errorf("upload: encode %s: %w", typ, err)
	}
	return File{Type: typ, Data: out.Bytes()}, nil
}

// shrink scales img down so that neither side exceeds side, averaging the
// source pixels under each target pixel (a box filter: plain, and good
// enough for a passport-size photo).
func shrink(img image.Image, side int) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= side && h <= side {
		return img
	}
	tw, th := side, h*side/w
	if h > w {
		tw, th = w*side/h, side
	}
	tw, th = max(tw, 1), max(th, 1)
	dst := image.NewRGBA(image.Rect(0, 0, tw, th))
	for ty := 0; ty < th; ty++ {
		y0, y1 := b.Min.Y+ty*h/th, b.Min.Y+(ty+1)*h/th
		for tx := 0; tx < tw; tx++ {
			x0, x1 := b.Min.X+tx*w/tw, b.Min.X+(tx+1)*w/tw
			var r, g, bl, a, n uint64
			for y := y0; y < max(y1, y0+1); y++ {
				for x := x0; x < max(x1, x0+1); x++ {
					cr, cg, cb, ca := img.At(x, y).RGBA()
					r, g, bl, a, n = r+uint64(cr), g+uint64(cg), bl+uint64(cb), a+uint64(ca), n+1
				}
			}
			i := dst.PixOffset(tx, ty)
			dst.Pix[i], dst.Pix[i+1], dst.Pix[i+2], dst.Pix[i+3] = uint8(r/n>>8), uint8(g/n>>8), uint8(bl/n>>8), uint8(a/n>>8)
		}
	}
	return dst
}
