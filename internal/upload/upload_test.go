package upload_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/upload"
)

var lim = upload.Limits{MaxBytes: 5 << 20, MaxPixels: 25_000_000}

func code(err error) string {
	var ue *upload.Error
	if errors.As(err, &ue) {
		return ue.Code
	}
	if err != nil {
		return "other: " + err.Error()
	}
	return ""
}

func catalogWith(extra string) []byte {
	return upload.BuildPDF(
		"<< /Type /Catalog /Pages 2 0 R "+extra+" >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
	)
}

// encrypted is a PDF whose trailer names an Encrypt dictionary (RC4, no
// user password): a viewer opens it, a reader without the key sees only
// ciphertext strings.
func encrypted() []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
		"<< /Filter /Standard /V 1 /R 2 /O <" + strings.Repeat("00", 32) + "> /U <" + strings.Repeat("00", 32) + "> /P -4 >>",
	}
	return bytes.Replace(upload.BuildPDF(objs...), []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Encrypt 3 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]"), 1)
}

func TestPDF(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"plain text CV", upload.TextPDF("Siti Nurhayati", "Operator jahit, 4 tahun"), ""},
		{"a link stays", catalogWith("/URI << /Base (https://contoh.id/) >>"), ""},
		{"JavaScript on open", catalogWith("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), "pdf_active"},
		{"JavaScript name tree", catalogWith("/Names << /JavaScript << /Names [(a) << /S /JavaScript /JS (x) >>] >> >>"), "pdf_active"},
		{"escaped name", catalogWith("/Names << /J#61vaScript << /Names [] >> >>"), "pdf_active"},
		{"launch action", catalogWith("/AA << /O << /S /Launch /F (cmd.exe) >> >>"), "pdf_active"},
		{"embedded file", catalogWith("/Names << /EmbeddedFiles << /Names [] >> >>"), "pdf_active"},
		{"form with XFA", catalogWith("/AcroForm << /Fields [] /XFA [] >>"), "pdf_active"},
		{"polyglot: zip after EOF", append(upload.TextPDF("cv"), []byte("PK\x03\x04 zipped payload")...), "pdf_polyglot"},
		{"not a PDF inside", []byte("%PDF-1.4\nthis is no pdf at all\n%%EOF\n"), "damaged"},
		{"encrypted", encrypted(), "refused"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := upload.Check(ctx, nil, c.data, lim, upload.PDF)
			got := code(err)
			if c.want == "refused" {
				if err == nil {
					t.Fatal("accepted")
				}
				t.Logf("refused: %s", got)
				return
			}
			if got != c.want {
				t.Fatalf("code %q, want %q", got, c.want)
			}
			if err == nil && (f.Type != upload.PDF || !bytes.Equal(f.Data, c.data)) {
				t.Fatalf("accepted PDF changed: %s %d bytes", f.Type, len(f.Data))
			}
		})
	}
}

func smallJPEG(t *testing.T, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withSize rewrites the frame header (SOF0) of a JPEG to declare w×h, as a
// crafted file does: the header lies, the data is small.
func withSize(t *testing.T, jpg []byte, w, h int) []byte {
	out := bytes.Clone(jpg)
	i := bytes.Index(out, []byte{0xFF, 0xC0})
	if i < 0 {
		t.Fatal("no SOF0")
	}
	out[i+5], out[i+6] = byte(h>>8), byte(h)
	out[i+7], out[i+8] = byte(w>>8), byte(w)
	return out
}

func TestImages(t *testing.T) {
	ctx := context.Background()
	jpg := smallJPEG(t, 64, 48)

	f, err := upload.Check(ctx, nil, jpg, lim, upload.JPEG, upload.PNG)
	if err != nil || f.Type != upload.JPEG {
		t.Fatalf("plain JPEG: %v %s", err, f.Type)
	}

	// A 6300×6300 header is refused from the header alone, fast.
	start := time.Now()
	_, err = upload.Check(ctx, nil, withSize(t, jpg, 6300, 6300), lim, upload.JPEG)
	if code(err) != "dimensions" {
		t.Fatalf("6300×6300 header: %v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("refusing a huge header took %v: it decoded", d)
	}

	// A JPEG with a PDF behind it comes back without the PDF.
	poly := append(bytes.Clone(jpg), upload.TextPDF("hidden")...)
	f, err = upload.Check(ctx, nil, poly, lim, upload.JPEG)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(f.Data, []byte("%PDF")) {
		t.Error("re-encoded image still carries the appended PDF")
	}
	// ...and a PDF is not accepted where only images are.
	if _, err := upload.Check(ctx, nil, upload.TextPDF("x"), lim, upload.JPEG, upload.PNG); code(err) != "type" {
		t.Errorf("PDF as a photo: %v", err)
	}
	// HTML named .jpg is refused by its content.
	if _, err := upload.Check(ctx, nil, []byte("<html><script>alert(1)</script>"), lim, upload.JPEG, upload.PDF); code(err) != "type" {
		t.Errorf("HTML: %v", err)
	}
	// Truncated image data.
	if _, err := upload.Check(ctx, nil, jpg[:len(jpg)/2], lim, upload.JPEG); code(err) != "damaged" {
		t.Errorf("truncated JPEG: %v", err)
	}

	// Photos are scaled down to the side asked for.
	var pb bytes.Buffer
	png.Encode(&pb, image.NewGray(image.Rect(0, 0, 1200, 900)))
	small := lim
	small.MaxSide = 400
	f, err = upload.Check(ctx, nil, pb.Bytes(), small, upload.PNG)
	if err != nil {
		t.Fatal(err)
	}
	cfg, _, _ := image.DecodeConfig(bytes.NewReader(f.Data))
	if cfg.Width != 400 || cfg.Height != 300 {
		t.Errorf("shrunk to %d×%d, want 400×300", cfg.Width, cfg.Height)
	}
}

func TestSize(t *testing.T) {
	l := upload.Limits{MaxBytes: 10, MaxPixels: 1}
	if _, err := upload.Read(bytes.NewReader(make([]byte, 11)), l); code(err) != "too_big" {
		t.Errorf("11 bytes over a 10-byte limit: %v", err)
	}
	if b, err := upload.Read(bytes.NewReader(make([]byte, 10)), l); err != nil || len(b) != 10 {
		t.Errorf("10 bytes: %v", err)
	}
	if _, err := upload.Check(context.Background(), nil, nil, l, upload.PDF); code(err) != "empty" {
		t.Errorf("empty: %v", err)
	}
}
