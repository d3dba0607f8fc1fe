package complaint_test

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/complaint"
)

// pdfDoc builds a PDF as producers write them: objects, a cross-reference
// table (or, with objStm, the objects that are not streams compressed into
// one object stream and a cross-reference stream), trailer and %%EOF.
type pdfDoc struct {
	objs    []string // object i+1's body ("<< … >>" or "<< … >>\nstream\n…\nendstream")
	objStm  bool
	before  string // bytes before %PDF (a polyglot)
	after   string // bytes after %%EOF
	trailer string // extra trailer entries
}

func (d *pdfDoc) add(body string) int {
	d.objs = append(d.objs, body)
	return len(d.objs)
}

func zlibBytes(b []byte) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(b)
	w.Close()
	return z.Bytes()
}

func (d *pdfDoc) bytes() []byte {
	var b bytes.Buffer
	b.WriteString(d.before)
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(d.objs)+3)
	var packed []int
	for i, body := range d.objs {
		n := i + 1
		if d.objStm && !strings.Contains(body, "stream\n") {
			packed = append(packed, n)
			continue
		}
		offsets[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, body)
	}
	size := len(d.objs) + 1
	if !d.objStm {
		xref := b.Len()
		fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", size)
		for n := 1; n < size; n++ {
			fmt.Fprintf(&b, "%010d 00000 n \n", offsets[n])
		}
		fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", size, d.trailer, xref)
		b.WriteString(d.after)
		return b.Bytes()
	}
	// The object stream: "n offset" pairs, then the objects.
	var head, body bytes.Buffer
	for _, n := range packed {
		fmt.Fprintf(&head, "%d %d ", n, body.Len())
		body.WriteString(d.objs[n-1] + "\n")
	}
	stm := size
	data := zlibBytes(append(head.Bytes(), body.Bytes()...))
	offsets[stm] = b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n", stm, len(packed), head.Len(), len(data))
	b.Write(data)
	b.WriteString("\nendstream\nendobj\n")
	// The cross-reference stream: type, offset or stream, index.
	xrefN := stm + 1
	offsets[xrefN] = b.Len()
	var rows bytes.Buffer
	inStm := map[int]int{}
	for i, n := range packed {
		inStm[n] = i
	}
	for n := 0; n <= xrefN; n++ {
		switch i, ok := inStm[n]; {
		case n == 0:
			rows.Write([]byte{0, 0, 0, 0, 0, 0xFF, 0xFF})
		case ok:
			rows.Write([]byte{2, 0, 0, byte(stm >> 8), byte(stm), 0, byte(i)})
		default:
			o := offsets[n]
			rows.Write([]byte{1, byte(o >> 24), byte(o >> 16), byte(o >> 8), byte(o), 0, 0})
		}
	}
	x := zlibBytes(rows.Bytes())
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R%s /Filter /FlateDecode /Length %d >>\nstream\n",
		xrefN, xrefN+1, d.trailer, len(x))
	b.Write(x)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", offsets[xrefN])
	b.WriteString(d.after)
	return b.Bytes()
}

// scanned is a one-page scanned document: a JPEG page image drawn by a
// compressed content stream, with document information, as scanner apps
// write; catalog extra adds entries to the catalog.
func scanned(t testing.TB, objStm bool, catalog string) *pdfDoc {
	img := image.NewGray(image.Rect(0, 0, 120, 170))
	for i := range img.Pix {
		img.Pix[i] = uint8(200 + i%40)
	}
	img.Set(3, 3, color.Gray{Y: 0})
	var j bytes.Buffer
	if err := jpeg.Encode(&j, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	content := zlibBytes([]byte("q 595 0 0 842 0 0 cm /Im0 Do Q\n"))
	d := &pdfDoc{objStm: objStm}
	d.add("<< /Type /Catalog /Pages 2 0 R" + catalog + " >>")
	d.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	d.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>")
	d.add(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width 120 /Height 170 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream", j.Len(), j.Bytes()))
	d.add(fmt.Sprintf("<< /Filter /FlateDecode /Length 6 0 R >>\nstream\n%s\nendstream", content))
	d.add(fmt.Sprint(len(content)))
	d.add("<< /Producer (CamScanner) /Title (Slip gaji Februari \\(scan\\)) /CreationDate (D:20260301090000+07'00') >>")
	return d
}

// TestCheckPDF: PDFs carrying scripts, actions, XFA forms, embedded files
// or other content around them are refused, wherever the object sits:
// plain, in a compressed object stream, behind #-escaped names or inside
// another stream's data; ordinary scanned documents pass, compressed or not.
func TestCheckPDF(t *testing.T) {
	compressedJS := scanned(t, true, " /OpenAction 8 0 R")
	compressedJS.add("<< /S /JavaScript /JS (app.alert\\(1\\)) >>")
	escapedJS := scanned(t, true, " /Names << /J#61va#53cript << /Names [(a) 8 0 R] >> >>")
	escapedJS.add("<< /S /J#61vaScript /J#53 (this.exportDataObject\\({}\\)) >>")
	uri := scanned(t, false, " /OpenAction << /S /URI /URI (https://contoh.invalid/ambil) >>")
	uriInStm := scanned(t, true, " /OpenAction << /S /URI /URI (https://contoh.invalid/ambil) >>")
	submit := scanned(t, true, " /AcroForm 8 0 R")
	submit.add("<< /Fields [] /XFA 9 0 R >>")
	submit.add("<< /S /SubmitForm /F (https://contoh.invalid/kirim) >>")
	xfa := scanned(t, true, " /AcroForm << /Fields [] /XFA [(template) 8 0 R] >>")
	xfa.add("<< /Length 0 >>\nstream\n\nendstream")
	submitOnly := scanned(t, false, " /OpenAction << /S /SubmitForm /F (https://contoh.invalid/kirim) >>")
	gotoR := scanned(t, true, " /OpenAction << /S /GoToR /F (\\\\\\\\server\\\\share\\\\x.pdf) /D [0 /Fit] >>")
	launch := scanned(t, false, " /OpenAction << /S /Launch /Win << /F (cmd.exe) >> >>")
	importData := scanned(t, true, " /OpenAction << /S /ImportData /F (data.fdf) >>")
	embedded := scanned(t, true, " /Names << /EmbeddedFiles << /Names [(a.exe) 8 0 R] >> >>")
	embedded.add("<< /Type /Filespec /F (a.exe) /EF << /F 9 0 R >> >>")
	embedded.add("<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream")
	encrypted := scanned(t, false, "")
	encrypted.trailer = " /Encrypt << /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >> /ID [<01> <01>]"
	htmlFirst := scanned(t, false, "")
	htmlFirst.before = ""
	polyBody := scanned(t, false, "").bytes()
	polyBody = bytes.Replace(polyBody, []byte("%\xe2\xe3\xcf\xd3\n"), []byte("%\xe2\xe3\xcf\xd3\n<html><body><script>alert(document.cookie)</script></body></html>\n"), 1)
	polyComment := bytes.Replace(scanned(t, false, "").bytes(), []byte("%\xe2\xe3\xcf\xd3\n"), []byte("%<html><script>alert(1)</script>\n"), 1)
	htmlAfter := scanned(t, false, "")
	htmlAfter.after = "<html><script>alert(1)</script></html>\n"
	spaceAfter := scanned(t, false, "")
	spaceAfter.after = "\r\n\x00\x00\n"
	// An object hidden in an uncompressed stream's data: a reader repairing
	// a broken cross-reference table finds it by scanning.
	hidden := scanned(t, false, " /OpenAction 9 0 R")
	hidden.add("<< /Length 60 >>\nstream\n9 0 obj << /S /Launch /F (calc.exe) >> endobj                \nendstream")
	// An object stream that says no /Type but has /N and /First.
	untyped := scanned(t, false, "")
	payload := zlibBytes([]byte("9 0 << /S /JavaScript /JS (x) >>"))
	untyped.add(fmt.Sprintf("<< /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", len(payload), payload))
	// An object stream in a filter the check cannot read.
	lzw := scanned(t, false, "")
	lzw.add("<< /Type /ObjStm /N 1 /First 4 /Filter /LZWDecode /Length 4 >>\nstream\n\x80\x0b\x60\x50\nendstream")
	// A deflate bomb: an object stream that inflates past the budget.
	bombData := zlibBytes(make([]byte, 80<<20))
	bomb := scanned(t, false, "")
	bomb.add(fmt.Sprintf("<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", len(bombData), bombData))
	// Names that merely start like a refused one are fine.
	lookalike := scanned(t, true, " /JSON (ok) /URIish true /PageMode /UseNone")

	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"scanned document", scanned(t, false, "").bytes(), ""},
		{"scanned document with object streams", scanned(t, true, "").bytes(), ""},
		{"trailing newlines after %%EOF", spaceAfter.bytes(), ""},
		{"look-alike names", lookalike.bytes(), ""},
		{"JavaScript in an object stream", compressedJS.bytes(), "evidence_pdf_script"},
		{"escaped JavaScript names in an object stream", escapedJS.bytes(), "evidence_pdf_script"},
		{"OpenAction URI", uri.bytes(), "evidence_pdf_action"},
		{"OpenAction URI in an object stream", uriInStm.bytes(), "evidence_pdf_action"},
		{"SubmitForm", submitOnly.bytes(), "evidence_pdf_action"},
		{"XFA form", xfa.bytes(), "evidence_pdf_form"},
		{"GoToR", gotoR.bytes(), "evidence_pdf_action"},
		{"Launch", launch.bytes(), "evidence_pdf_action"},
		{"ImportData", importData.bytes(), "evidence_pdf_action"},
		{"embedded file", embedded.bytes(), "evidence_pdf_embedded"},
		{"encrypted", encrypted.bytes(), "evidence_pdf_encrypted"},
		{"HTML after the header", polyBody, "evidence_pdf_polyglot"},
		{"HTML in a comment", polyComment, "evidence_pdf_polyglot"},
		{"HTML after %%EOF", htmlAfter.bytes(), "evidence_pdf_polyglot"},
		{"object hidden in stream data", hidden.bytes(), "evidence_pdf_action"},
		{"object stream without /Type", untyped.bytes(), "evidence_pdf_script"},
		{"object stream in LZW", lzw.bytes(), "evidence_damaged"},
		{"deflate bomb", bomb.bytes(), "evidence_damaged"},
		{"no %%EOF", bytes.TrimSuffix(scanned(t, false, "").bytes(), []byte("%%EOF\n")), "evidence_damaged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cf, err := complaint.CleanEvidence(tt.data)
			if code := evidenceCode(err); code != tt.want {
				t.Fatalf("code %q, want %q", code, tt.want)
			}
			if err == nil && (cf.Type != complaint.TypePDF || !bytes.Equal(cf.Data, tt.data)) {
				t.Fatalf("accepted as %s, changed %v", cf.Type, !bytes.Equal(cf.Data, tt.data))
			}
		})
	}
	// SubmitForm with XFA: refused for one or the other.
	if code := evidenceCode(func() error { _, err := complaint.CleanEvidence(submit.bytes()); return err }()); code != "evidence_pdf_form" && code != "evidence_pdf_action" {
		t.Errorf("SubmitForm with XFA: %q", code)
	}
	// HTML before %PDF is not a PDF at all.
	if code := evidenceCode(func() error {
		_, err := complaint.CleanEvidence(append([]byte("<html><script>alert(1)</script>"), scanned(t, false, "").bytes()...))
		return err
	}()); code != "evidence_type" {
		t.Errorf("HTML before %%PDF: %q", code)
	}
}

// FuzzCheckPDF: no input panics or runs long, and a variant of a scanned
// document is accepted only unchanged and only when it names nothing
// refused.
func FuzzCheckPDF(f *testing.F) {
	f.Add(scanned(f, false, "").bytes())
	f.Add(scanned(f, true, "").bytes())
	js := scanned(f, true, " /OpenAction 8 0 R")
	js.add("<< /S /JavaScript /JS (x) >>")
	f.Add(js.bytes())
	f.Add([]byte("%PDF-1.7\n1 0 obj << /N 1 /First 2 /Length 3 >> stream\nabc\nendstream endobj\n%%EOF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<20 {
			return
		}
		pdf := append([]byte("%PDF-1.7\n"), data...)
		cf, err := complaint.CleanEvidence(pdf)
		if err != nil {
			if c := evidenceCode(err); c == "" || strings.HasPrefix(c, "other") {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if cf.Type != complaint.TypePDF || !bytes.Equal(cf.Data, pdf) {
			t.Fatal("a PDF was changed")
		}
	})
}
