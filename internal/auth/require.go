package auth

import "github.com/bursa-banten/bursa/internal/fail"

// The two answers of Require. Domain methods return them so that both doors
// say the same: a login form or 401 for nobody, 403 for a role that may
// never do the thing at all.
var (
	ErrLoginRequired = fail.New(fail.Unauthorized, "auth: log in first")
	ErrNotPermitted  = fail.New(fail.Forbidden, "auth: this role may not do that")
)

// Require is Can as an error, for a caller who may be nobody (u == nil):
// domain methods start with it, then check ownership themselves.
func Require(u *User, a Action) error {
	if u == nil {
		return ErrLoginRequired
	}
	if !u.Can(a) {
		return ErrNotPermitted
	}
	return nil
}
