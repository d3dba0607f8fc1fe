package upload

import (
	"bytes"
	"context"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// pdfTimeout bounds the parse of one PDF: a crafted cross-reference table
// can send a parser in circles.
const pdfTimeout = 10 * time.Second

// activeKeys are dictionary keys whose presence means something in the
// document can act: scripts (JavaScript, JS), actions run on opening or on
// events (OpenAction, AA), embedded or attached files (EmbeddedFiles, EF),
// XML forms (XFA, which carry scripts) and rich media (Flash, 3D).
var activeKeys = map[string]bool{
	"JavaScript": true, "JS": true, "OpenAction": true, "AA": true,
	"EmbeddedFiles": true, "EmbeddedFile": true, "EF": true, "XFA": true,
	"RichMedia": true, "RichMediaContent": true, "3DD": true,
}

// activeNames are name values that mean the same where they appear as a
// type or an action kind (/S /Launch, /Type /EmbeddedFile, ...). Links
// (URI, GoTo) stay: a CV links to a portfolio.
var activeNames = map[string]bool{
	"JavaScript": true, "Launch": true, "ImportData": true, "SubmitForm": true,
	"GoToE": true, "GoToR": true, "RichMediaExecute": true, "Rendition": true,
	"EmbeddedFile": true, "Movie": true, "Sound": true, "FileAttachment": true,
}

// CheckPDF reads data with pdfcpu, loading every object (those packed in
// object streams too, which a byte search would miss because they are
// compressed, and names written with #xx escapes, which pdfcpu decodes),
// and refuses a PDF that can act, is encrypted, or has bytes after its
// last %%EOF.
func CheckPDF(ctx context.Context, data []byte) (err error) {
	if err := trailing(data); err != nil {
		return err
	}
	// A parser of hostile input may panic on a file its authors never saw;
	// such a file is damaged, not a reason to fail the request.
	defer func() {
		if recover() != nil {
			err = &Error{Code: "damaged"}
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	pc, err := pdfcpu.ReadWithContext(ctx, bytes.NewReader(data), pdfConfig())
	if err != nil {
		if ctx.Err() != nil && ctx.Err() != context.DeadlineExceeded {
			return ctx.Err()
		}
		return &Error{Code: "damaged"}
	}
	xt := pc.XRefTable
	if xt.Encrypt != nil || xt.E != nil {
		return &Error{Code: "pdf_encrypted"}
	}
	if root, err := xt.Catalog(); err != nil || root == nil {
		return &Error{Code: "damaged"}
	}
	for _, e := range xt.Table {
		if e == nil || e.Free || e.Object == nil {
			continue
		}
		if active(e.Object, 0) {
			return &Error{Code: "pdf_active"}
		}
	}
	return nil
}

// pdfConfig is pdfcpu's configuration for reading only. It is built here,
// not with model.NewDefaultConfiguration, which writes a configuration
// folder into the user's home on first use.
func pdfConfig() *model.Configuration {
	return &model.Configuration{
		Reader15:       true,
		ValidationMode: model.ValidationRelaxed,
		Offline:        true,
		Eol:            types.EolLF,
	}
}

// active walks one object (dictionaries and arrays inline in it; other
// objects are walked from the table) for an active key or name.
func active(o types.Object, depth int) bool {
	if depth > 64 {
		return true // nesting no honest document has
	}
	switch v := o.(type) {
	case types.Dict:
		return activeDict(v, depth)
	case types.StreamDict:
		return activeDict(v.Dict, depth)
	case *types.StreamDict:
		return v != nil && activeDict(v.Dict, depth)
	case types.Array:
		for _, x := range v {
			if active(x, depth+1) {
				return true
			}
		}
	case types.Name:
		return activeNames[decodeName(string(v))]
	}
	return false
}

func activeDict(d types.Dict, depth int) bool {
	for k, v := range d {
		if activeKeys[decodeName(k)] {
			return true
		}
		// A form (AcroForm) is fine; one whose fields compute or format
		// with scripts is caught by JS and AA above wherever they sit.
		if active(v, depth+1) {
			return true
		}
	}
	return false
}

func decodeName(s string) string {
	if n, err := types.DecodeName(s); err == nil {
		return n
	}
	return s
}

// trailing refuses bytes after the document's last %%EOF (beyond line
// ends and padding): a PDF with a ZIP or an HTML page appended is read as
// a PDF by a viewer and as the other by other programs.
func trailing(data []byte) error {
	i := bytes.LastIndex(data, []byte("%%EOF"))
	if i < 0 {
		return &Error{Code: "damaged"}
	}
	rest := bytes.Trim(data[i+5:], "\r\n\t \x00")
	if len(rest) > 0 {
		return &Error{Code: "pdf_polyglot"}
	}
	return nil
}
