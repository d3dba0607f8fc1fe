package complaint

import (
	"bytes"
	"regexp"
	"strconv"
)

// Checking evidence PDFs. Inspectors open evidence in a browser or a PDF
// reader, so a PDF must not carry anything that acts when opened: scripts,
// actions that launch programs, open addresses or other files, or send
// forms, XFA forms (scripted), embedded files; nor other content around it
// that a browser could take for HTML (a polyglot). A PDF keeps its objects
// in plain text or compressed inside object streams, and a reader finds
// them through the cross-reference table or, when that is broken, by
// scanning the file. So the check does not trust the cross-reference table
// at all: it reads every object of the file in order, every object of
// every object stream (decompressed), and also every "N G obj" anywhere
// else in the bytes (inside a stream's data, where a broken table could
// send a repairing reader). Each name is decoded (#xx escapes) and looked
// up; nothing is executed or rendered. Encrypted PDFs are refused: their
// object streams cannot be read without the key.

// PDF refusal codes (message ids err.<code>).
const (
	pdfDamaged   = "evidence_damaged"
	pdfPolyglot  = "evidence_pdf_polyglot"
	pdfScript    = "evidence_pdf_script"
	pdfAction    = "evidence_pdf_action"
	pdfForm      = "evidence_pdf_form"
	pdfEmbedded  = "evidence_pdf_embedded"
	pdfEncrypted = "evidence_pdf_encrypted"
)

// pdfNames are the names refused wherever they appear (as a key or a value),
// with the reason.
var pdfNames = map[string]string{
	"JavaScript": pdfScript, "JS": pdfScript,
	"Launch": pdfAction, "URI": pdfAction, "GoToR": pdfAction, "GoToE": pdfAction, "SubmitForm": pdfAction,
	"ImportData": pdfAction, "RichMediaExecute": pdfAction, "Rendition": pdfAction, "Movie": pdfAction, "Sound": pdfAction,
	"XFA":          pdfForm,
	"EmbeddedFile": pdfEmbedded, "EmbeddedFiles": pdfEmbedded, "EF": pdfEmbedded, "FileAttachment": pdfEmbedded,
	"RichMedia": pdfEmbedded,
	"Encrypt":   pdfEncrypted,
}

// Bounds on the work one PDF may cause: a 10 MB file can declare deeply
// nested arrays, a million objects or a stream that inflates to gigabytes.
const (
	pdfMaxDepth    = 64
	pdfMaxTokens   = 8_000_000
	pdfMaxInflated = 64 << 20 // all object streams together, decompressed
	pdfTrailSlack  = 1024     // whitespace allowed after the last %%EOF
)

// checkPDF returns the refusal code for PDF b, or "" when it may be kept.
func checkPDF(b []byte) string {
	if len(b) < 16 || !bytes.HasPrefix(b, []byte("%PDF-")) || !isDigit(b[5]) || b[6] != '.' || !isDigit(b[7]) {
		return pdfDamaged
	}
	c := &pdfCheck{b: b, tokens: pdfMaxTokens, ints: intObjects(b), starts: map[int]bool{}}
	c.top()
	if c.tokens <= 0 {
		return pdfDamaged
	}
	if c.bad != "" {
		return c.bad
	}
	// Objects a repairing reader would find where the sequential reading
	// saw stream data or a string.
	for _, m := range objHeader.FindAllIndex(b, -1) {
		if c.starts[m[0]] || c.bad != "" {
			continue
		}
		l := c.lexer(b, m[1], false)
		l.value(0)
		if c.tokens <= 0 {
			return pdfDamaged
		}
	}
	return c.bad
}

var (
	objHeader = regexp.MustCompile(`\d+[\x00\t\n\f\r ]+\d+[\x00\t\n\f\r ]+obj`)
	intObj    = regexp.MustCompile(`(\d+)[\x00\t\n\f\r ]+(\d+)[\x00\t\n\f\r ]+obj[\x00\t\n\f\r ]*(\d+)[\x00\t\n\f\r ]*endobj`)
)

// intObjects maps "n g" to the value of each object that is a bare
// integer: stream lengths are often such objects, written after the stream.
func intObjects(b []byte) map[string]int64 {
	out := map[string]int64{}
	for _, m := range intObj.FindAllSubmatch(b, -1) {
		if v, err := strconv.ParseInt(string(m[3]), 10, 64); err == nil {
			out[string(m[1])+" "+string(m[2])] = v
		}
	}
	return out
}

type pdfCheck struct {
	b        []byte
	bad      string
	tokens   int
	inflated int
	ints     map[string]int64
	starts   map[int]bool // offsets of the objects read in order
}

func (c *pdfCheck) lexer(b []byte, at int, top bool) *pdfLexer {
	return &pdfLexer{b: b, p: at, c: c, top: top}
}

// fail records the first problem.
func (c *pdfCheck) fail(code string) {
	if c.bad == "" {
		c.bad = code
	}
}

// top reads the file's top level in order: objects, cross-reference
// tables, trailers, startxref and comments. Anything else is not PDF.
func (c *pdfCheck) top() {
	l := c.lexer(c.b, 0, true)
	lastEOF := -1
	l.onComment = func(start, end int) {
		if bytes.HasPrefix(c.b[start:], []byte("%%EOF")) {
			lastEOF = end
		}
	}
	for c.bad == "" {
		start := l.skip()
		t := l.next()
		switch {
		case t.kind == 0:
			if lastEOF < 0 {
				c.fail(pdfDamaged)
			} else if tail := c.b[lastEOF:]; len(tail) > pdfTrailSlack || len(bytes.Trim(tail, "\x00\t\n\f\r ")) > 0 {
				c.fail(pdfPolyglot)
			}
			return
		case t.kind == 'i':
			c.starts[start] = true
			if !c.object(l) {
				c.fail(pdfPolyglot)
			}
		case t.is("xref"):
			// Entries are numbers and the keywords n and f, up to the trailer.
			for {
				save := l.p
				t := l.next()
				if t.kind == 'i' || t.is("n") || t.is("f") {
					continue
				}
				l.p = save
				break
			}
		case t.is("trailer"):
			if v := l.value(0); v.kind != 'd' {
				c.fail(pdfDamaged)
			}
		case t.is("startxref"):
			if t := l.next(); t.kind != 'i' {
				c.fail(pdfDamaged)
			}
		default:
			c.fail(pdfPolyglot)
		}
		if c.tokens <= 0 {
			c.fail(pdfDamaged)
		}
	}
}

// object reads "G obj value [stream … endstream] endobj" after an object
// number; false when what follows is not an object.
func (c *pdfCheck) object(l *pdfLexer) bool {
	if g := l.next(); g.kind != 'i' {
		return false
	}
	if t := l.next(); !t.is("obj") {
		return false
	}
	v := l.value(0)
	save := l.p
	t := l.next()
	if t.is("stream") {
		if v.kind != 'd' {
			c.fail(pdfDamaged)
			return true
		}
		end, ok := c.stream(l, v.d)
		if !ok {
			c.fail(pdfDamaged)
			return true
		}
		l.p = end
		if t := l.next(); !t.is("endstream") {
			c.fail(pdfDamaged)
			return true
		}
		save = l.p
		t = l.next()
	}
	if !t.is("endobj") {
		// Readers forgive a missing endobj; what follows is read as the
		// top level again.
		l.p = save
	}
	return true
}

// stream finds the data of the stream whose dictionary is d, starting after
// the stream keyword at l.p, checks it when it is an object stream, and
// returns where endstream begins.
func (c *pdfCheck) stream(l *pdfLexer, d map[string]pval) (int, bool) {
	start := l.p
	if start < len(c.b) && c.b[start] == '\r' {
		start++
	}
	if start < len(c.b) && c.b[start] == '\n' {
		start++
	}
	end := -1
	if n, ok := c.length(d["Length"]); ok && n >= 0 && int64(start)+n <= int64(len(c.b)) {
		e := start + int(n)
		rest := bytes.TrimLeft(c.b[e:], "\x00\t\n\f\r ")
		if bytes.HasPrefix(rest, []byte("endstream")) {
			end = len(c.b) - len(rest)
		}
	}
	if end < 0 {
		// A wrong length: readers look for endstream, and so do we.
		i := bytes.Index(c.b[start:], []byte("endstream"))
		if i < 0 {
			return 0, false
		}
		end = start + i
	}
	if isObjStream(d) {
		c.objStream(d, c.b[start:end])
	}
	return end, true
}

func (c *pdfCheck) length(v pval) (int64, bool) {
	switch v.kind {
	case 'i':
		return v.n, true
	case 'R':
		n, ok := c.ints[strconv.FormatInt(v.n, 10)+" "+strconv.FormatInt(v.gen, 10)]
		return n, ok
	}
	return 0, false
}

// isObjStream: a stream a reader can take objects from, whatever its /Type
// says, has the integers /N and /First.
func isObjStream(d map[string]pval) bool {
	if t := d["Type"]; t.kind == 'n' && t.s == "ObjStm" {
		return true
	}
	return d["N"].kind == 'i' && d["First"].kind == 'i'
}

// objStream decodes an object stream and checks its objects: in order, and
// at each offset its header lists (where readers start).
func (c *pdfCheck) objStream(d map[string]pval, raw []byte) {
	data, ok := c.decode(d, raw)
	if !ok {
		c.fail(pdfDamaged)
		return
	}
	first, n := d["First"].n, d["N"].n
	if first < 0 || first > int64(len(data)) || n < 0 || n > int64(len(data)) {
		c.fail(pdfDamaged)
		return
	}
	hdr := c.lexer(data[:first], 0, false)
	for i := int64(0); i < n; i++ {
		num, off := hdr.next(), hdr.next()
		if num.kind != 'i' || off.kind != 'i' || off.n < 0 || first+off.n > int64(len(data)) {
			c.fail(pdfDamaged)
			return
		}
		at := c.lexer(data, int(first+off.n), false)
		at.value(0)
		if c.tokens <= 0 {
			c.fail(pdfDamaged)
			return
		}
	}
	all := c.lexer(data, int(first), false)
	for c.bad == "" && c.tokens > 0 {
		if t := all.next(); t.kind == 0 {
			break
		}
	}
	if c.tokens <= 0 {
		c.fail(pdfDamaged)
	}
}
