package complaint

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"net/http"
)

// Evidence limits.
const (
	MaxEvidenceBytes = 10 << 20 // 10 MB per file
	MaxEvidenceFiles = 10       // per complaint
	// maxPixels bounds a decoded image (a small file can declare a huge
	// canvas): 40 megapixels is beyond what phones save by default.
	maxPixels = 40_000_000
)

// Evidence media types accepted.
const (
	TypeJPEG = "image/jpeg"
	TypePNG  = "image/png"
	TypePDF  = "application/pdf"
)

// EvidenceError says why a file was refused; Code is a message id
// (evidence_type, evidence_too_big, evidence_damaged, evidence_dimensions,
// and for PDFs evidence_pdf_script, _action, _form, _embedded, _encrypted,
// _polyglot). Args are the message's arguments beyond the file's number.
type EvidenceError struct {
	Code string
	Args []any
}

func (e *EvidenceError) Error() string { return "evidence: " + e.Code }

// CleanFile is an accepted evidence file, ready to seal.
type CleanFile struct {
	Type string
	Data []byte
	// Stripped: the file was re-encoded without its metadata (EXIF, GPS,
	// text chunks). PDFs are kept byte for byte, metadata included.
	Stripped bool
}

// CleanEvidence checks an uploaded file by its content, not its name or
// declared type: JPEG and PNG must decode and are re-encoded with the
// standard library, which writes no metadata (so GPS position, camera and
// time leave with the EXIF block; the EXIF orientation is applied to the
// pixels first so photos stay upright); a PDF must have a PDF header and
// trailer, nothing around it, and nothing active in any object, compressed
// or not (pdfcheck.go); it is kept as sent. Images over the pixel or memory
// budget are refused before they are decoded. CleanEvidence does not wait
// for the shared decoders; the store does (Store.cleanFiles).
func CleanEvidence(data []byte) (CleanFile, error) {
	return cleanEvidence(context.Background(), nil, data)
}

func cleanEvidence(ctx context.Context, g *decodeGate, data []byte) (CleanFile, error) {
	if len(data) == 0 {
		return CleanFile{}, &EvidenceError{Code: "evidence_damaged"}
	}
	if len(data) > MaxEvidenceBytes {
		return CleanFile{}, &EvidenceError{Code: "evidence_too_big"}
	}
	switch http.DetectContentType(data) {
	case TypeJPEG:
		return cleanImage(ctx, g, data, TypeJPEG)
	case TypePNG:
		return cleanImage(ctx, g, data, TypePNG)
	case TypePDF:
		// The structural check inflates object streams (up to
		// pdfMaxInflated) and tokenizes the file: it takes the decode
		// budget like an image, so four 10 MB PDFs at once queue rather
		// than pile up.
		release, err := g.acquire(ctx, pdfCost(len(data)))
		if err != nil {
			return CleanFile{}, err
		}
		defer release()
		if code := checkPDF(data); code != "" {
			return CleanFile{}, &EvidenceError{Code: code}
		}
		return CleanFile{Type: TypePDF, Data: data}, nil
	}
	return CleanFile{}, &EvidenceError{Code: "evidence_type"}
}

func cleanImage(ctx context.Context, g *decodeGate, data []byte, typ string) (CleanFile, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "jpeg" && format != "png") {
		return CleanFile{}, &EvidenceError{Code: "evidence_damaged"}
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return CleanFile{}, &EvidenceError{Code: "evidence_damaged"}
	}
	px := int64(cfg.Width) * int64(cfg.Height)
	cost := decodeCost(data, format, cfg)
	if px > maxPixels || cost > decodeBudget {
		// The most this kind of image may have, in megapixels.
		limit := min(int64(maxPixels), decodeBudget*px/cost) / 1_000_000
		return CleanFile{}, &EvidenceError{Code: "evidence_dimensions", Args: []any{"mp", limit, "got", (px + 500_000) / 1_000_000}}
	}
	release, err := g.acquire(ctx, cost)
	if err != nil {
		return CleanFile{}, err
	}
	defer release()
	var img image.Image
	if typ == TypeJPEG {
		img, err = jpeg.Decode(bytes.NewReader(data))
	} else {
		img, err = png.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return CleanFile{}, &EvidenceError{Code: "evidence_damaged"}
	}
	var out bytes.Buffer
	if typ == TypeJPEG {
		img = orient(img, ExifOrientation(data))
		err = jpeg.Encode(&out, img, &jpeg.Options{Quality: 90})
	} else {
		err = png.Encode(&out, img)
	}
	if err != nil {
		return CleanFile{}, &EvidenceError{Code: "evidence_damaged"}
	}
	return CleanFile{Type: typ, Data: out.Bytes(), Stripped: true}, nil
}

// ExifOrientation reads the EXIF orientation (1–8) of a JPEG; 1 (upright)
// when there is none or it cannot be read.
func ExifOrientation(jpg []byte) int {
	if len(jpg) < 4 || jpg[0] != 0xFF || jpg[1] != 0xD8 {
		return 1
	}
	p := 2
	for p+4 <= len(jpg) {
		if jpg[p] != 0xFF {
			return 1
		}
		marker := jpg[p+1]
		if marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 || marker == 0xFF {
			p++
			continue
		}
		if marker == 0xDA || marker == 0xD9 { // image data starts: no EXIF before it
			return 1
		}
		n := int(binary.BigEndian.Uint16(jpg[p+2:]))
		if n < 2 || p+2+n > len(jpg) {
			return 1
		}
		seg := jpg[p+4 : p+2+n]
		if marker == 0xE1 && len(seg) >= 6 && string(seg[:6]) == "Exif\x00\x00" {
			return tiffOrientation(seg[6:])
		}
		p += 2 + n
	}
	return 1
}

func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	if bo.Uint16(t[2:]) != 42 {
		return 1
	}
	ifd := int64(bo.Uint32(t[4:]))
	if ifd < 8 || ifd+2 > int64(len(t)) {
		return 1
	}
	count := int64(bo.Uint16(t[ifd:]))
	for i := int64(0); i < count; i++ {
		e := ifd + 2 + i*12
		if e+12 > int64(len(t)) {
			return 1
		}
		if bo.Uint16(t[e:]) == 0x0112 && bo.Uint16(t[e+2:]) == 3 { // Orientation, SHORT
			v := int(bo.Uint16(t[e+8:]))
			if v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}

// orient turns img as EXIF orientation o says, so the re-encoded image
// (which carries no orientation tag) shows upright.
func orient(img image.Image, o int) image.Image {
	if o <= 1 || o > 8 {
		return img
	}
	switch m := img.(type) {
	case *image.YCbCr:
		return orientYCbCr(m, o)
	case *image.Gray:
		return orientGray(m, o)
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	src := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(src, src.Bounds(), img, b.Min, draw.Src)
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = w-1-x, y
			case 3: // rotated 180°
				dx, dy = w-1-x, h-1-y
			case 4: // mirrored vertically
				dx, dy = x, h-1-y
			case 5: // transposed
				dx, dy = y, x
			case 6: // rotated 90° clockwise to view
				dx, dy = h-1-y, x
			case 7: // transversed
				dx, dy = h-1-y, w-1-x
			case 8: // rotated 90° counter-clockwise to view
				dx, dy = y, w-1-x
			}
			i, j := src.PixOffset(x, y), dst.PixOffset(dx, dy)
			copy(dst.Pix[j:j+4], src.Pix[i:i+4])
		}
	}
	return dst
}

// pdfCost estimates the working memory of checking a PDF of n bytes: its
// tokens and object copies (about three times the file) and the inflated
// object streams, capped at what the check allows.
func pdfCost(n int) int64 {
	return min(int64(3*n)+pdfMaxInflated/2, decodeBudget)
}
