// Package secret encrypts confidential fields (NIK, complaint details) with
// AES-256-GCM and derives keyed lookup hashes for them, so a NIK can be found
// and kept unique without being stored in the clear (UU PDP 27/2022).
package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Box seals and opens confidential values. The zero value is unusable: make
// one with New or Load.
type Box struct {
	aead    cipher.AEAD
	hashKey []byte
}

// KeySize is the size of the master key in bytes.
const KeySize = 32

// New makes a Box from a 32-byte master key. The encryption and hashing keys
// are derived separately from it with HKDF, so neither can stand in for the other.
func New(master []byte) (*Box, error) {
	if len(master) != KeySize {
		return nil, fmt.Errorf("secret: key must be %d bytes, got %d", KeySize, len(master))
	}
	encKey, err := hkdf.Key(sha256.New, master, nil, "bursa field encryption v1", 32)
	if err != nil {
		return nil, err
	}
	hashKey, err := hkdf.Key(sha256.New, master, nil, "bursa lookup hash v1", 32)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(encKey)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Box{aead: aead, hashKey: hashKey}, nil
}

// Load returns the Box for this installation: the key from env (base64 or hex
// of 32 bytes) when it is set, else from keyFile, which is created with mode
// 0600 and a fresh random key on first run.
func Load(env, keyFile string) (*Box, error) {
	if env != "" {
		k, err := decodeKey(env)
		if err != nil {
			return nil, fmt.Errorf("BURSA_SECRET_KEY: %w", err)
		}
		return New(k)
	}
	b, err := os.ReadFile(keyFile)
	if errors.Is(err, os.ErrNotExist) {
		k := make([]byte, KeySize)
		rand.Read(k)
		if err := os.MkdirAll(filepath.Dir(keyFile), 0o700); err != nil {
			return nil, fmt.Errorf("create key folder: %w", err)
		}
		f, err := os.OpenFile(keyFile, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, fmt.Errorf("create key file: %w", err)
		}
		if _, err := f.WriteString(base64.StdEncoding.EncodeToString(k) + "\n"); err != nil {
			f.Close()
			return nil, fmt.Errorf("write key file: %w", err)
		}
		if err := f.Close(); err != nil {
			return nil, fmt.Errorf("write key file: %w", err)
		}
		return New(k)
	}
	if err != nil {
		return nil, fmt.Errorf("read key file: %w", err)
	}
	k, err := decodeKey(strings.TrimSpace(string(b)))
	if err != nil {
		return nil, fmt.Errorf("key file %s: %w", keyFile, err)
	}
	return New(k)
}

func decodeKey(s string) ([]byte, error) {
	if k, err := base64.StdEncoding.DecodeString(s); err == nil && len(k) == KeySize {
		return k, nil
	}
	if k, err := hex.DecodeString(s); err == nil && len(k) == KeySize {
		return k, nil
	}
	return nil, errors.New("want 32 bytes as base64 or hex")
}

// Seal encrypts plaintext; context binds the ciphertext to its use (e.g.
// "seeker.nik"), so a value cannot be moved to another column and opened there.
func (b *Box) Seal(plaintext []byte, context string) []byte {
	nonce := make([]byte, b.aead.NonceSize())
	rand.Read(nonce)
	return b.aead.Seal(nonce, nonce, plaintext, []byte(context))
}

// SealTo is Seal writing into dst's storage (grown if too small), for a
// caller sealing many large pieces that would otherwise each leave a copy
// for the collector. The result is valid until dst is reused.
func (b *Box) SealTo(dst, plaintext []byte, context string) []byte {
	n := b.aead.NonceSize()
	if need := n + len(plaintext) + b.aead.Overhead(); cap(dst) < need {
		dst = make([]byte, 0, need)
	}
	nonce := dst[:n]
	rand.Read(nonce)
	return b.aead.Seal(nonce, nonce, plaintext, []byte(context))
}

// ErrOpen means a sealed value could not be opened: wrong key, wrong context
// or tampering.
var ErrOpen = errors.New("secret: cannot open sealed value")

// Open decrypts a value made by Seal with the same context.
func (b *Box) Open(sealed []byte, context string) ([]byte, error) {
	n := b.aead.NonceSize()
	if len(sealed) < n {
		return nil, ErrOpen
	}
	pt, err := b.aead.Open(nil, sealed[:n], sealed[n:], []byte(context))
	if err != nil {
		return nil, ErrOpen
	}
	return pt, nil
}

// Hash returns a keyed hash of value for lookups and uniqueness (hex HMAC-SHA256).
// Without the key it cannot be reversed by trying all NIKs.
func (b *Box) Hash(value, context string) string {
	m := hmac.New(sha256.New, b.hashKey)
	m.Write([]byte(context))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return hex.EncodeToString(m.Sum(nil))
}
