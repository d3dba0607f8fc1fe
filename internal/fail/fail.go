// Package fail is bursa's error vocabulary: the handful of kinds a domain
// error can be (not found, forbidden, conflict, invalid, unavailable, too
// many, …) and the one table that turns a kind into an HTTP status, used by
// both doors, the pages and the JSON API. Domain packages wrap a kind into
// their errors; they never name a status code themselves.
//
// A Kind is itself an error, so a domain error declares its kind by wrapping
// it, and a door asks with errors.Is or KindOf:
//
//	var ErrNotStaff = fail.New(fail.Forbidden, "training: user is not staff of this provider")
//	return fmt.Errorf("program %d: %w", id, fail.NotFound)
package fail

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// Kind classifies an error by what the caller should do about it.
type Kind uint8

// The kinds. Internal is the zero value: anything not classified is a fault
// of ours, answered 500 and logged.
const (
	Internal     Kind = iota
	NotFound          // the object does not exist, or belongs to another party
	Forbidden         // the caller is known but may not do this
	Unauthorized      // a login (or a tracking PIN) is needed or was wrong
	Conflict          // the object's state does not allow this now
	Invalid           // the input breaks a rule (valid.Errors are Invalid)
	BadRequest        // the request itself is malformed (not JSON, bad query)
	TooLarge          // the body is over its limit
	TooMany           // throttled: try again later (see RetryAfter)
	Unavailable       // the database or another dependency cannot be reached
	Canceled          // the client went away; nobody reads the answer
)

var names = [...]string{"internal", "not found", "forbidden", "unauthorized", "conflict",
	"invalid", "bad request", "too large", "too many requests", "unavailable", "canceled"}

// Error makes a Kind usable as a sentinel: fmt.Errorf("…: %w", fail.NotFound).
func (k Kind) Error() string {
	if int(k) < len(names) {
		return names[k]
	}
	return "unknown"
}

// Status is the one table from kind to HTTP status, for both doors.
func (k Kind) Status() int {
	switch k {
	case NotFound:
		return http.StatusNotFound
	case Forbidden:
		return http.StatusForbidden
	case Unauthorized:
		return http.StatusUnauthorized
	case Conflict:
		return http.StatusConflict
	case Invalid:
		return http.StatusUnprocessableEntity
	case BadRequest:
		return http.StatusBadRequest
	case TooLarge:
		return http.StatusRequestEntityTooLarge
	case TooMany:
		return http.StatusTooManyRequests
	case Unavailable:
		return http.StatusServiceUnavailable
	case Canceled:
		// nginx's "client closed request"; only ever logged, never sent.
		return 499
	}
	return http.StatusInternalServerError
}

// kinded is a domain error with its own message and a kind.
type kinded struct {
	kind Kind
	msg  string
}

func (e *kinded) Error() string        { return e.msg }
func (e *kinded) Is(target error) bool { return target == e.kind }

// New returns a sentinel error that says msg and is of kind k
// (errors.Is(err, k) holds), for a domain's named errors.
func New(k Kind, msg string) error { return &kinded{kind: k, msg: msg} }

// order is the precedence when an error chain carries several kinds: a
// canceled request or an outage explains the others.
var order = [...]Kind{Canceled, Unavailable, TooMany, TooLarge, Unauthorized, Forbidden, NotFound,
	Conflict, Invalid, BadRequest}

// KindOf returns the kind err carries, or Internal. A context cancellation
// counts as Canceled and a deadline as Unavailable: both mean the database
// did not answer in time for someone who is still, or no longer, waiting.
func KindOf(err error) Kind {
	if err == nil {
		return Internal
	}
	for _, k := range order {
		if errors.Is(err, k) {
			return k
		}
	}
	switch {
	case errors.Is(err, context.Canceled):
		return Canceled
	case errors.Is(err, context.DeadlineExceeded):
		return Unavailable
	}
	return Internal
}

// Retrier is an error that knows when to try again (a lockout, an outage).
type Retrier interface{ RetryAfter() time.Duration }

// RetryAfter is how long the caller should wait before trying again, for
// an error of kind k: the error's own figure when it has one (a lockout), a
// few seconds for an outage, else 0.
func RetryAfter(err error, k Kind) time.Duration {
	var r Retrier
	if errors.As(err, &r) {
		if d := r.RetryAfter(); d > 0 {
			return d
		}
	}
	if k == Unavailable {
		return 5 * time.Second
	}
	return 0
}
