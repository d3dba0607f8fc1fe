package complaint

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/ascii85"
	"encoding/hex"
	"io"
	"strconv"
)

// A small PDF lexer and object reader (ISO 32000-1, 7.2–7.3) for checkPDF:
// it keeps only what the check needs (dictionaries, numbers, names,
// references), checks every name it reads, and spends the check's shared
// token budget so no input makes it loop for long.

// pval is a PDF value: 'd' dictionary, 'a' array, 'n' name, 'i' integer,
// 'R' reference (n gen R), 'x' anything else (string, real, keyword).
type pval struct {
	kind byte
	s    string
	n    int64
	gen  int64
	d    map[string]pval
	a    []pval // the first pdfKeepItems items of an array
}

// pdfKeepItems: arrays the check reads (filters, their parameters) are short.
const pdfKeepItems = 16

// ptok is a token: 'n' name, 'i' integer, 'x' string or real, 'k'
// keyword, '<' '>' dictionary open and close, '[' ']', 'e' a stray
// delimiter, 0 the end.
type ptok struct {
	kind byte
	s    string
	n    int64
}

func (t ptok) is(kw string) bool { return t.kind == 'k' && t.s == kw }

type pdfLexer struct {
	b   []byte
	p   int
	c   *pdfCheck
	top bool
	// onComment is told of each comment at the top level (start, end).
	onComment func(start, end int)
}

func isPDFSpace(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isPDFDelimiter(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return isPDFSpace(c)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// skip passes white space and comments, and returns where the next token
// starts. A comment at the top level that holds markup makes the file a
// polyglot: a browser sniffing it could take it for HTML.
func (l *pdfLexer) skip() int {
	for l.p < len(l.b) {
		c := l.b[l.p]
		switch {
		case isPDFSpace(c):
			l.p++
		case c == '%':
			start := l.p
			for l.p < len(l.b) && l.b[l.p] != '\n' && l.b[l.p] != '\r' {
				l.p++
			}
			if l.top {
				if markup(l.b[start:l.p]) {
					l.c.fail(pdfPolyglot)
				}
				if l.onComment != nil {
					l.onComment(start, l.p)
				}
			}
		default:
			return l.p
		}
	}
	return l.p
}

// markup reports a tag opening (<a, </, <!, <?) in a comment.
func markup(b []byte) bool {
	for i := 0; i+1 < len(b); i++ {
		if b[i] == '<' {
			n := b[i+1] | 0x20
			if (n >= 'a' && n <= 'z') || b[i+1] == '/' || b[i+1] == '!' || b[i+1] == '?' {
				return true
			}
		}
	}
	return false
}

// next reads one token.
func (l *pdfLexer) next() ptok {
	l.c.tokens--
	if l.c.tokens <= 0 {
		return ptok{}
	}
	l.skip()
	if l.p >= len(l.b) {
		return ptok{}
	}
	c := l.b[l.p]
	switch c {
	case '/':
		l.p++
		var name []byte
		for l.p < len(l.b) && !isPDFDelimiter(l.b[l.p]) {
			ch := l.b[l.p]
			if ch == '#' && l.p+2 < len(l.b) {
				if v, err := strconv.ParseUint(string(l.b[l.p+1:l.p+3]), 16, 8); err == nil {
					name = append(name, byte(v))
					l.p += 3
					continue
				}
			}
			name = append(name, ch)
			l.p++
		}
		if code, ok := pdfNames[string(name)]; ok {
			l.c.fail(code)
		}
		return ptok{kind: 'n', s: string(name)}
	case '(':
		depth := 0
		for l.p < len(l.b) {
			switch l.b[l.p] {
			case '\\':
				l.p++
			case '(':
				depth++
			case ')':
				depth--
			}
			l.p++
			if depth == 0 {
				break
			}
		}
		return ptok{kind: 'x'}
	case '<':
		if l.p+1 < len(l.b) && l.b[l.p+1] == '<' {
			l.p += 2
			return ptok{kind: '<'}
		}
		if i := bytes.IndexByte(l.b[l.p:], '>'); i >= 0 {
			l.p += i + 1
		} else {
			l.p = len(l.b)
		}
		return ptok{kind: 'x'}
	case '>':
		if l.p+1 < len(l.b) && l.b[l.p+1] == '>' {
			l.p += 2
			return ptok{kind: '>'}
		}
		l.p++
		return ptok{kind: 'e'}
	case '[', ']':
		l.p++
		return ptok{kind: c}
	case ')', '{', '}':
		l.p++
		return ptok{kind: 'e'}
	}
	start := l.p
	for l.p < len(l.b) && !isPDFDelimiter(l.b[l.p]) {
		l.p++
	}
	word := string(l.b[start:l.p])
	if n, err := strconv.ParseInt(word, 10, 64); err == nil {
		return ptok{kind: 'i', n: n}
	}
	if _, err := strconv.ParseFloat(word, 64); err == nil {
		return ptok{kind: 'x'}
	}
	return ptok{kind: 'k', s: word}
}

// value reads one value; nested too deep, or out of tokens, it gives up
// (the budget's end is reported by the caller).
func (l *pdfLexer) value(depth int) pval {
	if depth > pdfMaxDepth {
		l.c.fail(pdfDamaged)
		return pval{}
	}
	t := l.next()
	switch t.kind {
	case '<':
		d := map[string]pval{}
		for l.c.tokens > 0 && l.c.bad == "" {
			save := l.p
			k := l.next()
			if k.kind == '>' || k.kind == 0 {
				break
			}
			if k.kind != 'n' {
				// Not a key: read it as a value and go on, as readers do.
				l.p = save
				l.value(depth + 1)
				continue
			}
			d[k.s] = l.value(depth + 1)
		}
		return pval{kind: 'd', d: d}
	case '[':
		var items []pval
		for l.c.tokens > 0 && l.c.bad == "" {
			save := l.p
			if e := l.next(); e.kind == ']' || e.kind == 0 {
				break
			}
			l.p = save
			if v := l.value(depth + 1); len(items) < pdfKeepItems {
				items = append(items, v)
			}
		}
		return pval{kind: 'a', a: items}
	case 'i':
		// n gen R?
		save := l.p
		if g := l.next(); g.kind == 'i' {
			if r := l.next(); r.is("R") {
				return pval{kind: 'R', n: t.n, gen: g.n}
			}
		}
		l.p = save
		return pval{kind: 'i', n: t.n}
	case 'n':
		return pval{kind: 'n', s: t.s}
	}
	return pval{kind: 'x'}
}

// decode applies a stream's filters (Flate with PNG predictors, ASCIIHex,
// ASCII85), within the budget for inflated data. Any other filter cannot
// be checked, and an object stream so encoded is refused.
func (c *pdfCheck) decode(d map[string]pval, raw []byte) ([]byte, bool) {
	filters, params := filterList(d["Filter"]), d["DecodeParms"]
	data := raw
	for _, f := range filters {
		var r io.Reader
		switch f {
		case "FlateDecode", "Fl":
			zr, err := zlib.NewReader(bytes.NewReader(data))
			if err != nil {
				r = flate.NewReader(bytes.NewReader(data))
			} else {
				r = zr
			}
		case "ASCIIHexDecode", "AHx":
			clean := bytes.Map(func(r rune) rune {
				if r == '>' || isPDFSpace(byte(r)) {
					return -1
				}
				return r
			}, data)
			if i := bytes.IndexByte(data, '>'); i >= 0 {
				clean = bytes.Map(func(r rune) rune {
					if isPDFSpace(byte(r)) {
						return -1
					}
					return r
				}, data[:i])
			}
			if len(clean)%2 == 1 {
				clean = append(clean, '0')
			}
			out := make([]byte, hex.DecodedLen(len(clean)))
			if _, err := hex.Decode(out, clean); err != nil {
				return nil, false
			}
			r = bytes.NewReader(out)
		case "ASCII85Decode", "A85":
			if i := bytes.Index(data, []byte("~>")); i >= 0 {
				data = data[:i]
			}
			r = ascii85.NewDecoder(bytes.NewReader(data))
		default:
			return nil, false
		}
		room := pdfMaxInflated - c.inflated
		out, err := io.ReadAll(io.LimitReader(r, int64(room)+1))
		if (err != nil && err != io.ErrUnexpectedEOF) || len(out) > room {
			return nil, false
		}
		c.inflated += len(out)
		data = out
	}
	if params.kind == 'a' {
		for _, p := range params.a {
			if p.kind == 'd' {
				params = p
			}
		}
	}
	if params.kind == 'd' {
		if p := params.d["Predictor"]; p.kind == 'i' && p.n >= 10 {
			cols := int64(1)
			if v := params.d["Columns"]; v.kind == 'i' {
				cols = v.n
			}
			var ok bool
			if data, ok = unpredictPNG(data, cols); !ok {
				return nil, false
			}
		}
	}
	return data, true
}

// filterList is a stream's /Filter as a list; a filter that is not a name
// makes the list unreadable ("?").
func filterList(v pval) []string {
	switch v.kind {
	case 'n':
		return []string{v.s}
	case 'a':
		var out []string
		for _, f := range v.a {
			if f.kind != 'n' {
				return []string{"?"}
			}
			out = append(out, f.s)
		}
		return out
	case 0:
		return nil
	}
	return []string{"?"}
}

// unpredictPNG undoes PNG row predictors (one byte per pixel, the case of
// object and cross-reference streams); rows are cols+1 bytes.
func unpredictPNG(data []byte, cols int64) ([]byte, bool) {
	if cols < 1 || cols > 1<<16 {
		return nil, false
	}
	row := int(cols) + 1
	out := make([]byte, 0, len(data))
	prev := make([]byte, cols)
	for i := 0; i+row <= len(data); i += row {
		kind, cur := data[i], append([]byte(nil), data[i+1:i+row]...)
		for j := range cur {
			var left, up, ul byte
			if j > 0 {
				left, ul = cur[j-1], prev[j-1]
			}
			up = prev[j]
			switch kind {
			case 1:
				cur[j] += left
			case 2:
				cur[j] += up
			case 3:
				cur[j] += byte((int(left) + int(up)) / 2)
			case 4:
				cur[j] += paeth(left, up, ul)
			}
		}
		out = append(out, cur...)
		prev = cur
	}
	return out, true
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
