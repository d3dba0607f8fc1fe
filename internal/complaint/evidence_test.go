package complaint_test

import (
	"bytes"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/complaint"
)

func evidenceCode(err error) string {
	var ee *complaint.EvidenceError
	if errors.As(err, &ee) {
		return ee.Code
	}
	if err != nil {
		return "other: " + err.Error()
	}
	return ""
}

func TestCleanEvidence(t *testing.T) {
	var gifBuf bytes.Buffer
	gif.Encode(&gifBuf, image.NewPaletted(image.Rect(0, 0, 4, 4), []color.Color{color.Black, color.White}), nil)
	// A PNG header declaring a 100000×100000 canvas.
	var hugePNG bytes.Buffer
	png.Encode(&hugePNG, image.NewGray(image.Rect(0, 0, 1, 1)))
	huge := hugePNG.Bytes()
	copy(huge[16:24], []byte{0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0})
	crc := crc32.ChecksumIEEE(huge[12:29])
	copy(huge[29:33], []byte{byte(crc >> 24), byte(crc >> 16), byte(crc >> 8), byte(crc)})
	jpg := photo(t, 16, 8, 1)
	tests := []struct {
		name     string
		data     []byte
		wantType string
		wantCode string
	}{
		{"jpeg photo", jpg, complaint.TypeJPEG, ""},
		{"png screenshot", screenshot(t), complaint.TypePNG, ""},
		{"pdf", []byte(minimalPDF), complaint.TypePDF, ""},
		{"empty", nil, "", "evidence_damaged"},
		{"gif", gifBuf.Bytes(), "", "evidence_type"},
		{"text named .jpg", []byte("bukan gambar, hanya teks biasa"), "", "evidence_type"},
		{"html", []byte("<html><script>alert(1)</script></html>"), "", "evidence_type"},
		{"truncated jpeg", jpg[:len(jpg)/2], "", "evidence_damaged"},
		{"jpeg magic only", []byte("\xFF\xD8\xFF\xE0 not really a jpeg at all"), "", "evidence_damaged"},
		{"too big", append(append([]byte{}, jpg...), make([]byte, complaint.MaxEvidenceBytes)...), "", "evidence_too_big"},
		{"huge canvas", huge, "", "evidence_dimensions"},
		{"pdf without trailer", []byte(strings.TrimSuffix(minimalPDF, "%%EOF\n")), "", "evidence_damaged"},
		{"pdf with javascript", []byte(strings.Replace(minimalPDF, "/Type /Catalog", "/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>", 1)), "", "evidence_pdf_script"},
		{"pdf with escaped name", []byte(strings.Replace(minimalPDF, "/Type /Catalog", "/Type /Catalog /AA << /S /J#61vaScript >>", 1)), "", "evidence_pdf_script"},
		{"pdf with launch", []byte(strings.Replace(minimalPDF, "/Type /Catalog", "/Type /Catalog /OpenAction << /S /Launch /F (cmd.exe) >>", 1)), "", "evidence_pdf_action"},
		{"pdf with embedded file", []byte(strings.Replace(minimalPDF, "/Type /Catalog", "/Type /Catalog /Names << /EmbeddedFiles 3 0 R >>", 1)), "", "evidence_pdf_embedded"},
		{"pdf name merely starting with JS", []byte(strings.Replace(minimalPDF, "/Type /Catalog", "/Type /Catalog /JSON (ok)", 1)), complaint.TypePDF, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := complaint.CleanEvidence(tt.data)
			if code := evidenceCode(err); code != tt.wantCode {
				t.Fatalf("code = %q, want %q", code, tt.wantCode)
			}
			if err != nil {
				return
			}
			if got.Type != tt.wantType {
				t.Fatalf("type = %s, want %s", got.Type, tt.wantType)
			}
			if bytes.Contains(got.Data, []byte("GPS-LOKASI-RAHASIA")) || bytes.Contains(got.Data, []byte("Exif")) {
				t.Fatal("metadata survived")
			}
			if got.Stripped != (tt.wantType != complaint.TypePDF) {
				t.Fatalf("stripped = %v", got.Stripped)
			}
		})
	}
}

// TestEvidenceOrientation: the EXIF orientation is applied to the pixels
// before the EXIF block is dropped, so a photo taken upright stays upright.
func TestEvidenceOrientation(t *testing.T) {
	// The red block is at the stored image's top-left corner; where it
	// lands after turning tells the transform.
	tests := []struct {
		o          uint16
		w, h       int
		redX, redY int // a pixel inside the red block after orienting, in quarters
	}{
		{1, 32, 16, 0, 0},
		{3, 32, 16, 3, 3}, // 180°: bottom right
		{6, 32, 16, 3, 0}, // 90° clockwise: top right, and 16×32
		{8, 32, 16, 0, 3}, // 90° counter-clockwise: bottom left
		{2, 32, 16, 3, 0}, // mirrored: top right
	}
	for _, tt := range tests {
		data := photo(t, tt.w, tt.h, tt.o)
		if got := complaint.ExifOrientation(data); got != int(tt.o) {
			t.Fatalf("ExifOrientation = %d, want %d", got, tt.o)
		}
		cf, err := complaint.CleanEvidence(data)
		if err != nil {
			t.Fatal(err)
		}
		img, err := jpeg.Decode(bytes.NewReader(cf.Data))
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		if tt.o >= 5 && (b.Dx() != tt.h || b.Dy() != tt.w) {
			t.Fatalf("orientation %d: size %v, want %d×%d", tt.o, b.Size(), tt.h, tt.w)
		}
		qx, qy := b.Dx()/4, b.Dy()/4
		x, y := tt.redX*qx+qx/2, tt.redY*qy+qy/2
		r, g, bl, _ := img.At(x, y).RGBA()
		if r < 0xB000 || g > 0x5000 || bl > 0x5000 {
			t.Errorf("orientation %d: pixel (%d,%d) = %x %x %x, want red", tt.o, x, y, r, g, bl)
		}
	}
	if complaint.ExifOrientation([]byte("\xFF\xD8")) != 1 || complaint.ExifOrientation(nil) != 1 {
		t.Error("no EXIF must read as upright")
	}
}

// FuzzCleanEvidence: no input may panic, and whatever is accepted is of an
// accepted type and within the limit.
func FuzzCleanEvidence(f *testing.F) {
	f.Add(photo(f, 8, 8, 6))
	f.Add(screenshot(f))
	f.Add([]byte(minimalPDF))
	f.Add([]byte("%PDF-1.7\n/J#"))
	f.Add([]byte("\xFF\xD8\xFF\xE1\x00\x10Exif\x00\x00MM\x00*\x00\x00\x00\x08"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cf, err := complaint.CleanEvidence(data)
		if err != nil {
			if evidenceCode(err) == "" || strings.HasPrefix(evidenceCode(err), "other") {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if cf.Type != complaint.TypeJPEG && cf.Type != complaint.TypePNG && cf.Type != complaint.TypePDF {
			t.Fatalf("accepted type %s", cf.Type)
		}
		if cf.Type == complaint.TypePDF && !bytes.Equal(cf.Data, data) {
			t.Fatal("PDF changed")
		}
	})
}

func FuzzExifOrientation(f *testing.F) {
	f.Add(photo(f, 4, 4, 8))
	f.Add([]byte("\xFF\xD8\xFF\xE1\x00\x08Exif\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if o := complaint.ExifOrientation(data); o < 1 || o > 8 {
			t.Fatalf("orientation %d", o)
		}
	})
}
