package fail_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/fail"
)

type wait struct{ d time.Duration }

func (w wait) Error() string             { return "wait" }
func (w wait) Is(target error) bool      { return target == fail.TooMany }
func (w wait) RetryAfter() time.Duration { return w.d }

// TestKinds: the one table both doors answer with.
func TestKinds(t *testing.T) {
	errForbidden := fail.New(fail.Forbidden, "training: user is not staff of this provider")
	for _, c := range []struct {
		err    error
		kind   fail.Kind
		status int
		retry  time.Duration
	}{
		{fmt.Errorf("case 7: %w", fail.NotFound), fail.NotFound, http.StatusNotFound, 0},
		{fmt.Errorf("allocate: %w", errForbidden), fail.Forbidden, http.StatusForbidden, 0},
		{fail.New(fail.Conflict, "round already allocated"), fail.Conflict, http.StatusConflict, 0},
		{fmt.Errorf("login: %w", wait{90 * time.Second}), fail.TooMany, http.StatusTooManyRequests, 90 * time.Second},
		{fmt.Errorf("query: %w", context.Canceled), fail.Canceled, 499, 0},
		{fmt.Errorf("query: %w", context.DeadlineExceeded), fail.Unavailable, http.StatusServiceUnavailable, 5 * time.Second},
		// An outage explains whatever else the chain says.
		{fmt.Errorf("%w: %w", fail.NotFound, fail.Unavailable), fail.Unavailable, http.StatusServiceUnavailable, 5 * time.Second},
		{errors.New("boom"), fail.Internal, http.StatusInternalServerError, 0},
		{nil, fail.Internal, http.StatusInternalServerError, 0},
	} {
		k := fail.KindOf(c.err)
		if k != c.kind || k.Status() != c.status || fail.RetryAfter(c.err, k) != c.retry {
			t.Errorf("%v: kind %v status %d retry %v, want %v %d %v", c.err, k, k.Status(), fail.RetryAfter(c.err, k), c.kind, c.status, c.retry)
		}
	}
}
