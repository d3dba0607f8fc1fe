package complaint

import (
	"bytes"
	"math/rand"
	"testing"
)

// TestSpoolEncrypted: a spooled upload's temporary file never holds the
// plaintext, and reading it back (whole, or in pieces at any offset) gives
// the bytes that went in.
func TestSpoolEncrypted(t *testing.T) {
	plain := make([]byte, 3<<20+17)
	rand.New(rand.NewSource(7)).Read(plain)
	marker := []byte("NIK 3604011203900001 Siti Nurhayati")
	copy(plain[2<<20+5:], marker)
	u, err := SpoolUpload(bytes.NewReader(plain), int64(len(plain)))
	if err != nil {
		t.Fatal(err)
	}
	defer u.Close()
	onDisk := make([]byte, u.Len())
	if _, err := u.file.ReadAt(onDisk, 0); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(onDisk, marker) || bytes.Equal(onDisk[:4096], plain[:4096]) {
		t.Fatal("the temporary file holds the plaintext")
	}
	got, err := u.Bytes()
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("Bytes differ from what was spooled (err %v)", err)
	}
	var joined []byte
	pieces := 0
	if err := u.Chunks(1<<20, func(n int, c []byte) error {
		if n != pieces {
			t.Fatalf("piece %d came as %d", pieces, n)
		}
		pieces++
		joined = append(joined, c...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if pieces != 4 || !bytes.Equal(joined, plain) {
		t.Fatalf("%d pieces; equal %v", pieces, bytes.Equal(joined, plain))
	}
	// In memory, the same pieces.
	pieces = 0
	UploadBytes(plain).Chunks(1<<20, func(n int, c []byte) error { pieces++; return nil })
	if pieces != 4 {
		t.Fatalf("in-memory pieces %d", pieces)
	}
}
