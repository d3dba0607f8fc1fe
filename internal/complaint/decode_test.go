package complaint

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/fail"
)

// withSize rewrites a small JPEG's frame header to declare w×h, as a
// decompression bomb does, optionally as progressive (SOF2).
func withSize(t *testing.T, w, h int, progressive bool) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewYCbCr(image.Rect(0, 0, 16, 16), image.YCbCrSubsampleRatio420), nil); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	i := bytes.Index(data, []byte{0xFF, 0xC0})
	if progressive {
		data[i+1] = 0xC2
	}
	binary.BigEndian.PutUint16(data[i+5:], uint16(h))
	binary.BigEndian.PutUint16(data[i+7:], uint16(w))
	return data
}

// pngWithSize is a 16-bit RGBA PNG header declaring w×h.
func pngWithSize(t *testing.T, w, h int) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewNRGBA64(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	binary.BigEndian.PutUint32(data[16:], uint32(w))
	binary.BigEndian.PutUint32(data[20:], uint32(h))
	binary.BigEndian.PutUint32(data[29:], crc32.ChecksumIEEE(data[12:29]))
	return data
}

// TestImageBudget: an image is refused from its headers, before decoding,
// when its pixels or the memory its decoding takes are over the budget, and
// the refusal says the limit for that kind of image.
func TestImageBudget(t *testing.T) {
	tests := []struct {
		name   string
		data   []byte
		code   string
		mp     int64
		budget bool
	}{
		{"50 MP baseline", withSize(t, 8000, 6250, false), "evidence_dimensions", 40, false},
		// 36 MP is under the pixel limit, but progressive decoding keeps
		// four bytes of coefficients per sample: 270 MB.
		{"36 MP progressive", withSize(t, 6000, 6000, true), "evidence_dimensions", 20, false},
		{"25 MP 16-bit RGBA PNG", pngWithSize(t, 5000, 5000), "evidence_dimensions", 20, false},
		// Under both: it is decoded (and found truncated).
		{"36 MP baseline", withSize(t, 6000, 6000, false), "evidence_damaged", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := CleanEvidence(tt.data)
			var ee *EvidenceError
			if !errors.As(err, &ee) || ee.Code != tt.code {
				t.Fatalf("err %v, want %s", err, tt.code)
			}
			if tt.mp != 0 && (len(ee.Args) != 4 || ee.Args[1] != tt.mp) {
				t.Fatalf("args %v, want limit %d MP", ee.Args, tt.mp)
			}
			if !tt.budget && time.Since(start) > time.Second {
				t.Fatalf("a refusal from the headers took %s", time.Since(start))
			}
		})
	}
}

// TestDecodeGate: decodes share the memory budget and two CPU slots; a
// decode that cannot get them waits no longer than its request, and is
// answered "busy" (503) when the wait runs out, or canceled when the
// client left.
func TestDecodeGate(t *testing.T) {
	g := newDecodeGate()
	ctx := context.Background()
	r1, err := g.acquire(ctx, decodeBudget/2)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := g.acquire(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if _, err := g.acquire(short, 1); !errors.Is(err, ErrBusy) || fail.KindOf(err) != fail.Unavailable {
		t.Fatalf("third decode with two running: %v", err)
	}
	r2()
	gone, cancel2 := context.WithCancel(ctx)
	cancel2()
	if _, err := g.acquire(gone, decodeBudget); !errors.Is(err, context.Canceled) {
		t.Fatalf("over the budget for a client that left: %v", err)
	}
	r1()
	r3, err := g.acquire(ctx, decodeBudget)
	if err != nil {
		t.Fatalf("the whole budget once free: %v", err)
	}
	r3()
}
