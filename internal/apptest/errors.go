package apptest

import (
	"errors"
	"testing"

	"github.com/bursa-banten/bursa/internal/valid"
)

// HasCode reports whether err carries a field error with field and code
// ("" matches any).
func HasCode(err error, field, code string) bool {
	ve, ok := valid.As(err)
	if !ok {
		return false
	}
	for _, fe := range ve {
		if (field == "" || fe.Field == field) && (code == "" || fe.Code == code) {
			return true
		}
	}
	return false
}

// WantCode fails the test unless err carries the field error field/code.
func WantCode(t testing.TB, err error, field, code string) {
	t.Helper()
	if !HasCode(err, field, code) {
		t.Fatalf("want %s/%s, got %v", field, code, err)
	}
}

// WantIs fails the test unless err is target.
func WantIs(t testing.TB, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("want %v, got %v", target, err)
	}
}
