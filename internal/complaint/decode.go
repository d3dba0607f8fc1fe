package complaint

import (
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"runtime/debug"
	"sync"
	"time"

	"golang.org/x/sync/semaphore"

	"github.com/bursa-banten/bursa/internal/fail"
)

// Bounding what re-encoding evidence images costs. A 466 KB JPEG can
// declare 6300×6300 pixels; decoded, oriented and re-encoded it took 18 s
// and half a gigabyte, and four at once 1.5 GB. So each image's working
// memory is estimated from its headers before anything is decoded (the
// decoders allocate the whole canvas, and progressive JPEGs a coefficient
// array four times larger), an image over the budget is refused with the
// reason, and decodes share the budget and two CPU slots (the servers have
// two cores): a decode waits for room, as long as its request lasts and at
// most decodeWait.
const (
	// decodeBudget is the working memory all concurrent decodes share,
	// and the most one image may need: a 40-megapixel phone photo
	// (baseline, 4:2:0) needs 60 MB decoded and 60 MB more turned upright.
	decodeBudget = 160 << 20
	decodeSlots  = 2
	decodeWait   = time.Minute
	// freeAfter: after a decode this large the memory goes back to the
	// system at once rather than when the collector gets to it.
	freeAfter = 32 << 20
)

// ErrBusy means evidence could not be processed in time because other
// uploads hold the decoders; the worker should try again shortly.
var ErrBusy = fail.New(fail.Unavailable, "complaint: evidence decoders busy")

// decodeGate holds the shared decode budget and CPU slots.
type decodeGate struct {
	mem, cpu *semaphore.Weighted
}

func newDecodeGate() *decodeGate {
	return &decodeGate{mem: semaphore.NewWeighted(decodeBudget), cpu: semaphore.NewWeighted(decodeSlots)}
}

// acquire waits for cost bytes of the budget and a CPU slot; release gives
// them back.
func (g *decodeGate) acquire(ctx context.Context, cost int64) (release func(), err error) {
	if g == nil {
		return func() {}, nil
	}
	ctx, cancel := context.WithTimeout(ctx, decodeWait)
	defer cancel()
	if err := g.mem.Acquire(ctx, cost); err != nil {
		return nil, busy(ctx, err)
	}
	if err := g.cpu.Acquire(ctx, 1); err != nil {
		g.mem.Release(cost)
		return nil, busy(ctx, err)
	}
	return func() {
		g.cpu.Release(1)
		g.mem.Release(cost)
		if cost >= freeAfter {
			debug.FreeOSMemory()
		}
	}, nil
}

// busy tells a request that went away from one that waited too long.
func busy(ctx context.Context, err error) error {
	if context.Cause(ctx) == context.Canceled {
		return fmt.Errorf("wait for decoder: %w", err)
	}
	return fmt.Errorf("wait for decoder: %w", ErrBusy)
}

// gateOnce makes each Store's gate on first use.
type gateOnce struct {
	once sync.Once
	g    *decodeGate
}

func (o *gateOnce) get() *decodeGate {
	o.once.Do(func() { o.g = newDecodeGate() })
	return o.g
}

// decodeCost estimates the bytes decoding, orienting and re-encoding an
// image of cfg takes, from its headers only.
func decodeCost(data []byte, format string, cfg image.Config) int64 {
	px := int64(cfg.Width) * int64(cfg.Height)
	var cost int64
	switch format {
	case "jpeg":
		cost = jpegCost(data, cfg)
		if ExifOrientation(data) >= 2 {
			cost += px * 3 / 2 // turned upright into a 4:2:0 copy (orientYCbCr)
			if len(sofComponents(data)) == 4 || adobeRGB(data) {
				cost += 8 * px // CMYK or RGB JPEGs are turned through RGBA
			}
		}
		cost += px / 2 // the re-encoded file
	case "png":
		bpp := int64(4)
		switch cfg.ColorModel {
		case color.GrayModel:
			bpp = 1
		case color.Gray16Model:
			bpp = 2
		case color.RGBA64Model, color.NRGBA64Model:
			bpp = 8
		default:
			if _, ok := cfg.ColorModel.(color.Palette); ok {
				bpp = 1
			}
		}
		cost = bpp * px
		if len(data) > 28 && data[28] == 1 { // Adam7: each pass, then the image
			cost *= 2
		}
		cost += 2*int64(len(data)) + 1<<20 // the re-encoded file
	}
	return cost + 1<<20
}

type sofComponent struct{ h, v int }

// jpegCost: the decoded planes (padded to whole MCUs), what the decoder
// converts them to (CMYK, RGBA), and for progressive JPEGs the int32
// coefficients it keeps for every block.
func jpegCost(data []byte, cfg image.Config) int64 {
	comps, progressive := sofComponents(data), sofProgressive(data)
	px := int64(cfg.Width) * int64(cfg.Height)
	if len(comps) == 0 {
		return 8 * px
	}
	hmax, vmax := 1, 1
	for _, c := range comps {
		hmax, vmax = max(hmax, c.h), max(vmax, c.v)
	}
	mw, mh := int64(8*hmax), int64(8*vmax)
	w, h := (int64(cfg.Width)+mw-1)/mw*mw, (int64(cfg.Height)+mh-1)/mh*mh
	var planes int64
	for _, c := range comps {
		planes += w * int64(c.h) / int64(hmax) * (h * int64(c.v) / int64(vmax))
	}
	cost := planes
	if progressive {
		cost += 4 * planes
	}
	if len(comps) == 4 {
		cost += 4 * px // the CMYK image built from the planes
	} else if adobeRGB(data) {
		cost += 4 * px // RGB JPEGs become RGBA
	}
	return cost
}

// jpegSegments calls f for each marker segment before the image data.
func jpegSegments(b []byte, f func(marker byte, seg []byte) bool) {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return
	}
	for p := 2; p+4 <= len(b); {
		if b[p] != 0xFF {
			return
		}
		m := b[p+1]
		if m == 0xFF || m == 0x01 || (m >= 0xD0 && m <= 0xD8) {
			p++
			continue
		}
		if m == 0xDA || m == 0xD9 {
			return
		}
		n := int(binary.BigEndian.Uint16(b[p+2:]))
		if n < 2 || p+2+n > len(b) {
			return
		}
		if !f(m, b[p+4:p+2+n]) {
			return
		}
		p += 2 + n
	}
}

func sofComponents(b []byte) []sofComponent {
	var out []sofComponent
	jpegSegments(b, func(m byte, seg []byte) bool {
		if m < 0xC0 || m > 0xC2 || len(seg) < 6 {
			return true
		}
		n := int(seg[5])
		for i := 0; i < n && 6+3*i+2 < len(seg); i++ {
			hv := seg[6+3*i+1]
			out = append(out, sofComponent{h: max(1, int(hv>>4)), v: max(1, int(hv&15))})
		}
		return false
	})
	return out
}

func sofProgressive(b []byte) bool {
	prog := false
	jpegSegments(b, func(m byte, _ []byte) bool {
		if m == 0xC2 {
			prog = true
		}
		return m < 0xC0 || m > 0xC2
	})
	return prog
}

// adobeRGB: an APP14 Adobe segment saying the three components are RGB
// (transform 0), which the decoder converts to RGBA.
func adobeRGB(b []byte) bool {
	rgb := false
	jpegSegments(b, func(m byte, seg []byte) bool {
		if m == 0xEE && len(seg) >= 12 && string(seg[:5]) == "Adobe" && seg[11] == 0 {
			rgb = true
		}
		return true
	})
	return rgb && len(sofComponents(b)) == 3
}

// turned is where pixel (x, y) of a w×h image lands under EXIF orientation
// o (2–8), and the turned image's size.
func turned(o, w, h, x, y int) (int, int) {
	switch o {
	case 2: // mirrored
		return w - 1 - x, y
	case 3: // rotated 180°
		return w - 1 - x, h - 1 - y
	case 4: // mirrored vertically
		return x, h - 1 - y
	case 5: // transposed
		return y, x
	case 6: // rotated 90° clockwise to view
		return h - 1 - y, x
	case 7: // transversed
		return h - 1 - y, w - 1 - x
	case 8: // rotated 90° counter-clockwise to view
		return y, w - 1 - x
	}
	return x, y
}

func turnedSize(o, w, h int) (int, int) {
	if o >= 5 {
		return h, w
	}
	return w, h
}

// orientYCbCr turns a decoded JPEG into a 4:2:0 copy, the layout the
// encoder writes anyway: half the memory of the RGBA detour, and no
// colour conversion. Each chroma sample of the copy takes the source's at
// the pixel that lands on its top-left corner.
func orientYCbCr(src *image.YCbCr, o int) *image.YCbCr {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := turnedSize(o, w, h)
	dst := image.NewYCbCr(image.Rect(0, 0, dw, dh), image.YCbCrSubsampleRatio420)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := turned(o, w, h, x, y)
			dst.Y[dy*dst.YStride+dx] = src.Y[src.YOffset(b.Min.X+x, b.Min.Y+y)]
			if dx&1 == 0 && dy&1 == 0 {
				si, di := src.COffset(b.Min.X+x, b.Min.Y+y), (dy/2)*dst.CStride+dx/2
				dst.Cb[di], dst.Cr[di] = src.Cb[si], src.Cr[si]
			}
		}
	}
	return dst
}

func orientGray(src *image.Gray, o int) *image.Gray {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := turnedSize(o, w, h)
	dst := image.NewGray(image.Rect(0, 0, dw, dh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := turned(o, w, h, x, y)
			dst.Pix[dy*dst.Stride+dx] = src.Pix[src.PixOffset(b.Min.X+x, b.Min.Y+y)]
		}
	}
	return dst
}
