package secret

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestSealOpen(t *testing.T) {
	k := bytes.Repeat([]byte{7}, KeySize)
	b, err := New(k)
	if err != nil {
		t.Fatal(err)
	}
	s1 := b.Seal([]byte("3604014101900001"), "seeker.nik")
	s2 := b.Seal([]byte("3604014101900001"), "seeker.nik")
	if bytes.Equal(s1, s2) {
		t.Fatal("two seals of one value are equal: nonce reused")
	}
	if bytes.Contains(s1, []byte("3604014101900001")) {
		t.Fatal("plaintext visible in sealed value")
	}
	pt, err := b.Open(s1, "seeker.nik")
	if err != nil || string(pt) != "3604014101900001" {
		t.Fatalf("Open = %q, %v", pt, err)
	}
	if _, err := b.Open(s1, "complaint.details"); !errors.Is(err, ErrOpen) {
		t.Fatalf("open with other context: %v", err)
	}
	s1[len(s1)-1] ^= 1
	if _, err := b.Open(s1, "seeker.nik"); !errors.Is(err, ErrOpen) {
		t.Fatalf("open tampered: %v", err)
	}
	other, _ := New(bytes.Repeat([]byte{8}, KeySize))
	if _, err := other.Open(s2, "seeker.nik"); !errors.Is(err, ErrOpen) {
		t.Fatalf("open with other key: %v", err)
	}
	if b.Hash("x", "nik") != b.Hash("x", "nik") || b.Hash("x", "nik") == other.Hash("x", "nik") || b.Hash("x", "nik") == b.Hash("x", "phone") {
		t.Fatal("Hash is not a keyed, context-bound function")
	}
}

func TestLoadCreatesKeyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "secret.key")
	b1, err := Load("", path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, want 0600", st.Mode().Perm())
	}
	b2, err := Load("", path)
	if err != nil {
		t.Fatal(err)
	}
	pt, err := b2.Open(b1.Seal([]byte("v"), "c"), "c")
	if err != nil || string(pt) != "v" {
		t.Fatal("key file did not give the same key twice")
	}
	if _, err := Load("too-short", path); err == nil {
		t.Fatal("bad env key accepted")
	}
	if _, err := Load("0707070707070707070707070707070707070707070707070707070707070707", path); err != nil {
		t.Fatalf("hex key refused: %v", err)
	}
}

// TestSealTo: sealing into a reused buffer opens like Seal, with a fresh
// nonce each time, and grows a buffer that is too small.
func TestSealTo(t *testing.T) {
	b, _ := New(bytes.Repeat([]byte{7}, KeySize))
	var buf []byte
	buf = b.SealTo(buf, []byte("potongan pertama"), "complaint.evidence/1/0")
	first := bytes.Clone(buf)
	buf = b.SealTo(buf, []byte("potongan pertama"), "complaint.evidence/1/0")
	if bytes.Equal(first, buf) {
		t.Fatal("nonce reused")
	}
	for _, s := range [][]byte{first, buf} {
		if pt, err := b.Open(s, "complaint.evidence/1/0"); err != nil || string(pt) != "potongan pertama" {
			t.Fatalf("Open = %q, %v", pt, err)
		}
	}
	long := bytes.Repeat([]byte("x"), 5000)
	grown := b.SealTo(buf[:0:len(buf)], long, "c")
	if pt, err := b.Open(grown, "c"); err != nil || !bytes.Equal(pt, long) {
		t.Fatalf("grown buffer: %v", err)
	}
}
