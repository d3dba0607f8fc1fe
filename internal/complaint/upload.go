package complaint

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// Upload is one evidence file as a door received it: small ones in memory,
// larger ones in a temporary file, so a request holding ten 10 MB files
// holds them on disk and reads one at a time while it cleans them. The
// file is unlinked as soon as it is made: it has no name another process
// could open, and disappears when closed or when the process ends.
type Upload struct {
	data []byte
	file *os.File
	size int64
}

// UploadBytes is an upload held in memory.
func UploadBytes(b []byte) Upload { return Upload{data: b, size: int64(len(b))} }

// SpoolUpload copies at most limit bytes of r into a temporary file. A
// file of limit bytes is one that was longer and will be refused for its
// size: nothing past it is kept.
func SpoolUpload(r io.Reader, limit int64) (Upload, error) {
	f, err := os.CreateTemp("", "bursa-evidence-*")
	if err != nil {
		return Upload{}, fmt.Errorf("spool evidence: %w", err)
	}
	// On Linux the open file outlives its name.
	_ = os.Remove(f.Name())
	n, err := io.Copy(f, io.LimitReader(r, limit))
	if err != nil {
		f.Close()
		return Upload{}, fmt.Errorf("spool evidence: %w", err)
	}
	return Upload{file: f, size: n}, nil
}

// Len is the upload's size in bytes.
func (u Upload) Len() int64 { return u.size }

// Bytes reads the whole upload.
func (u Upload) Bytes() ([]byte, error) {
	if u.file == nil {
		return u.data, nil
	}
	b := make([]byte, u.size)
	if _, err := u.file.ReadAt(b, 0); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read spooled evidence: %w", err)
	}
	return b, nil
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

// sealedFile is an accepted evidence file, sealed and waiting in a
// temporary file for the filing's transaction: the cleaned files of a
// request are never all in memory at once.
type sealedFile struct {
	typ      string
	size     int
	stripped bool
	sealed   Upload
}

func closeSealed(files []sealedFile) {
	for _, f := range files {
		f.sealed.Close()
	}
}
