// Package httpgzip holds what both doors need of gzip: whether a request
// accepts it, pooled compressors, and compressing a whole answer once so it
// can be sent many times (see vacancy.Memo).
package httpgzip

import (
	"bytes"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip"
)

// Level is the compression of every answer: the fastest. Measured on a
// search answer (22.8 KB of JSON, 100k-vacancy province) and the list page
// (15.4 KB of HTML): 2,657 and 3,309 bytes at level 1 against 2,192 and
// 2,906 at the default level 6, in a quarter to a third of the CPU time,
// which a busy serve spends on every answer not kept compressed (issue
// 13: compression was a fifth of serve's CPU with the result cache off).
// The compressor is klauspost/compress's, the standard library's API with
// a faster encoder: the same 22.8 KB answer in 31 µs instead of 53 µs at
// level 1, 2,685 bytes instead of 2,646 (go test -bench on this machine);
// clients see ordinary gzip.
const Level = gzip.BestSpeed

// pool reuses compressors: each holds about 250 KB of tables.
var pool = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, Level)
	return w
}}

// Get returns a pooled compressor; Reset it onto the destination.
func Get() *gzip.Writer { return pool.Get().(*gzip.Writer) }

// Put returns a compressor to the pool once it is closed.
func Put(w *gzip.Writer) {
	w.Reset(nil)
	pool.Put(w)
}

// Accepts reads an Accept-Encoding header, honouring an explicit q=0.
func Accepts(h string) bool {
	for _, part := range strings.Split(h, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") {
			q := strings.ReplaceAll(params, " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

// Bytes returns p compressed.
func Bytes(p []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(p)/4 + 64)
	w := Get()
	w.Reset(&b)
	w.Write(p) // writes to a bytes.Buffer do not fail
	w.Close()
	Put(w)
	return b.Bytes()
}
