package auth

import (
	"net/mail"
	"strings"
	"unicode"
)

// NormalizePhone turns an Indonesian mobile number as people write it
// ("0812-3456-7890", "+62 812 3456 7890", "62812…", "812…") into +62…, or
// returns ok=false. Mobile numbers start with 8 after the country code and
// have 9 to 12 digits after it.
func NormalizePhone(s string) (string, bool) {
	var digits strings.Builder
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == '+' && i == 0:
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')':
		default:
			return "", false
		}
	}
	d := digits.String()
	switch {
	case strings.HasPrefix(d, "62"):
		d = d[2:]
	case strings.HasPrefix(d, "0"):
		d = d[1:]
	}
	if !strings.HasPrefix(d, "8") || len(d) < 9 || len(d) > 12 {
		return "", false
	}
	return "+62" + d, true
}

// NormalizeEmail lowercases and checks a bare address (no display name).
func NormalizeEmail(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) > 254 || strings.ContainsFunc(s, unicode.IsSpace) {
		return "", false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndexByte(s, '@'):], ".") {
		return "", false
	}
	return s, true
}

// Login is a normalised login identifier: an email or a +62 phone.
type Login struct {
	Email string
	Phone string
}

// ParseLogin reads what a person typed as their login.
func ParseLogin(s string) (Login, bool) {
	if strings.Contains(s, "@") {
		e, ok := NormalizeEmail(s)
		return Login{Email: e}, ok
	}
	p, ok := NormalizePhone(s)
	return Login{Phone: p}, ok
}

// Key is the single string used for throttling and lookup.
func (l Login) Key() string {
	if l.Email != "" {
		return l.Email
	}
	return l.Phone
}
