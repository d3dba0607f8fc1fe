package complaint

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
)

// Upload is one evidence file as a door received it: small ones in memory,
// larger ones in a temporary file, so a request holding ten 10 MB files
// holds them on disk and reads one at a time while it cleans them.
//
// A temporary file is unlinked as soon as it is made (it has no name another
// process could open, and disappears when closed or when the process ends)
// and encrypted with a key that exists only in this Upload (AES-256-CTR):
// evidence can name a worker, and a disk image, a swap of /tmp to disk or a
// backup of the server must not hold it in the clear even for the seconds a
// request lasts. Integrity needs no tag: the process wrote the bytes itself
// and reads them back within one request; anyone able to alter them could
// alter the process.
type Upload struct {
	data []byte
	file *os.File
	key  []byte // AES-256 key of file; nil for an in-memory upload
	iv   []byte
	size int64
}

// UploadBytes is an upload held in memory.
func UploadBytes(b []byte) Upload { return Upload{data: b, size: int64(len(b))} }

// SpoolUpload copies at most limit bytes of r into an encrypted temporary
// file. A file of limit bytes is one that was longer and will be refused for
// its size: nothing past it is kept.
func SpoolUpload(r io.Reader, limit int64) (Upload, error) {
	f, err := os.CreateTemp("", "bursa-evidence-*")
	if err != nil {
		return Upload{}, fmt.Errorf("spool evidence: %w", err)
	}
	// On Linux the open file outlives its name.
	_ = os.Remove(f.Name())
	u := Upload{file: f, key: make([]byte, 32), iv: make([]byte, aes.BlockSize)}
	rand.Read(u.key)
	rand.Read(u.iv)
	w := &encWriter{s: u.stream(0), w: f, buf: make([]byte, 64<<10)}
	n, err := io.Copy(w, io.LimitReader(r, limit))
	if err != nil {
		f.Close()
		return Upload{}, fmt.Errorf("spool evidence: %w", err)
	}
	u.size = n
	return u, nil
}

// encWriter encrypts into one reused buffer: cipher.StreamWriter allocates
// a copy the size of every write, which for a 10 MB file written at once is
// 10 MB more for the collector.
type encWriter struct {
	s   cipher.Stream
	w   io.Writer
	buf []byte
}

func (e *encWriter) Write(p []byte) (int, error) {
	done := 0
	for len(p) > 0 {
		n := min(len(p), len(e.buf))
		e.s.XORKeyStream(e.buf[:n], p[:n])
		if _, err := e.w.Write(e.buf[:n]); err != nil {
			return done, err
		}
		done += n
		p = p[n:]
	}
	return done, nil
}

// stream is the key stream of u's file from byte offset off (a multiple of
// the block size): CTR mode lets a chunk be read without the ones before it.
func (u Upload) stream(off int64) cipher.Stream {
	block, err := aes.NewCipher(u.key)
	if err != nil {
		panic(err) // a 32-byte key always makes a cipher
	}
	iv := make([]byte, aes.BlockSize)
	copy(iv, u.iv)
	// Add off/BlockSize to the big-endian counter.
	carry := uint64(off / aes.BlockSize)
	for i := aes.BlockSize - 1; i >= 0 && carry > 0; i-- {
		sum := uint64(iv[i]) + carry&0xff
		iv[i] = byte(sum)
		carry = carry>>8 + sum>>8
	}
	return cipher.NewCTR(block, iv)
}

// Len is the upload's size in bytes.
func (u Upload) Len() int64 { return u.size }

// read returns the whole upload, a spooled one in a buffer outside the Go
// heap (bigBuffer); the caller calls free when done and keeps nothing of b.
func (u Upload) read() (b []byte, free func(), err error) {
	if u.file == nil {
		return u.data, func() {}, nil
	}
	b, free = bigBuffer(int(u.size))
	if err := u.readAt(b, 0); err != nil {
		free()
		return nil, nil, err
	}
	return b, free, nil
}

// Bytes reads the whole upload.
func (u Upload) Bytes() ([]byte, error) {
	if u.file == nil {
		return u.data, nil
	}
	b := make([]byte, u.size)
	if err := u.readAt(b, 0); err != nil {
		return nil, err
	}
	return b, nil
}

func (u Upload) readAt(b []byte, off int64) error {
	if _, err := u.file.ReadAt(b, off); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read spooled evidence: %w", err)
	}
	u.stream(off).XORKeyStream(b, b)
	return nil
}

// Chunks calls fn with the upload's bytes size bytes at a time (the last
// chunk may be shorter), reusing one buffer: a 10 MB file is stored without
// ever being whole in memory. size must be a multiple of the AES block.
func (u Upload) Chunks(size int, fn func(n int, chunk []byte) error) error {
	if u.file == nil {
		for n, off := 0, 0; off < len(u.data); n, off = n+1, off+size {
			if err := fn(n, u.data[off:min(off+size, len(u.data))]); err != nil {
				return err
			}
		}
		return nil
	}
	buf, free := bigBuffer(size)
	defer free()
	for n, off := 0, int64(0); off < u.size; n, off = n+1, off+int64(size) {
		b := buf[:min(int64(size), u.size-off)]
		if err := u.readAt(b, off); err != nil {
			return err
		}
		if err := fn(n, b); err != nil {
			return err
		}
	}
	return nil
}

// Close lets the upload's temporary file go.
func (u Upload) Close() error {
	if u.file == nil {
		return nil
	}
	return u.file.Close()
}

// CloseUploads closes every upload of list.
func CloseUploads(list []Upload) {
	for _, u := range list {
		u.Close()
	}
}

// cleanedFile is an accepted evidence file waiting for the filing's
// transaction: small ones in memory, larger ones in an encrypted temporary
// file, so the cleaned files of a request are never all in memory at once.
// The transaction seals and stores it chunk by chunk (storeEvidence).
type cleanedFile struct {
	typ      string
	size     int
	stripped bool
	data     Upload
}

func closeCleaned(files []cleanedFile) {
	for _, f := range files {
		f.data.Close()
	}
}
