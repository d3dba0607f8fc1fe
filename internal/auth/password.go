package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"

	"github.com/bursa-banten/bursa/internal/fail"
)

// Passwords hashes and checks passwords with argon2id. Each hash takes Memory
// KiB, so Slots bounds how many run at once: a burst of logins queues instead
// of exhausting memory.
type Passwords struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
	slots   chan struct{}
}

// NewPasswords returns argon2id with the given cost and at most slots hashes
// running at once.
func NewPasswords(memoryKiB, time uint32, threads uint8, slots int) *Passwords {
	return &Passwords{Memory: memoryKiB, Time: time, Threads: threads, slots: make(chan struct{}, slots)}
}

// DefaultPasswords is the production cost: OWASP's first argon2id
// configuration (46 MiB, 1 pass, 1 lane), with one hash at a time per two
// cores. The memory is the point of argon2id and also its risk: a login
// storm with four 64 MiB hashes at once peaked at 703 MB RSS here, since Go's
// collector lets the garbage of finished hashes pile up to twice the live
// heap; one 46 MiB slot on two cores peaks near 200 MB, and leaves the other
// core to serve everyone else. Further logins queue, at most hashWait.
func DefaultPasswords() *Passwords {
	return NewPasswords(46*1024, 1, 1, max(1, runtime.GOMAXPROCS(0)/2))
}

// hashWait bounds the queue for a hash slot: past it a login is answered
// "busy, try again" (503 with Retry-After) rather than held open.
const hashWait = 10 * time.Second

// ErrBusy means every hash slot stayed taken for hashWait.
var ErrBusy = fail.New(fail.Unavailable, "auth: password hashing is busy")

// NoLogin is stored as the hash of accounts that cannot log in with a password
// (generated demo seekers); it never verifies.
const NoLogin = "!"

func (p *Passwords) acquire(ctx context.Context) error {
	select {
	case p.slots <- struct{}{}:
		return nil
	default:
	}
	t := time.NewTimer(hashWait)
	defer t.Stop()
	select {
	case p.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return ErrBusy
	}
}

func (p *Passwords) release() { <-p.slots }

// Hash returns an encoded argon2id hash in the PHC string format.
func (p *Passwords) Hash(ctx context.Context, password string) (string, error) {
	if err := p.acquire(ctx); err != nil {
		return "", err
	}
	defer p.release()
	salt := make([]byte, 16)
	rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, 32)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

var errBadHash = errors.New("auth: malformed password hash")

// Verify reports whether password matches encoded. It uses the cost stored in
// the hash, so costs can be raised without breaking old accounts.
func (p *Passwords) Verify(ctx context.Context, encoded, password string) (bool, error) {
	if encoded == NoLogin {
		return false, nil
	}
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errBadHash
	}
	var version int
	var mem, tm uint32
	var th uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errBadHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &mem, &tm, &th); err != nil {
		return false, errBadHash
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 || mem > 1<<21 || tm > 16 {
		return false, errBadHash
	}
	if err := p.acquire(ctx); err != nil {
		return false, err
	}
	defer p.release()
	got := argon2.IDKey([]byte(password), salt, tm, mem, th, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
