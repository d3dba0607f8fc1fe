package auth

import (
	"strings"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"

	"github.com/bursa-banten/bursa/internal/valid"
)

// minStrength is the lowest zxcvbn score (0-4) a new password may have: 2
// means about 10^6 guesses or more, enough behind the login throttle, and
// it refuses 12345678, password, aaaaaaaa and the like.
const minStrength = 2

// localWords are words that Indonesian passwords are commonly built from
// and that zxcvbn's English dictionaries do not know: the site's own name,
// places of the province, and everyday words ("rahasia" is "secret",
// "sandi" "password"). Together with the person's own login and name they are
// given to zxcvbn as user inputs, so "rahasia123" or "banten2026" scores as
// the guessable password it is.
var localWords = []string{"bursa", "kerja", "bursakerja", "banten", "serang", "cilegon", "tangerang",
	"pandeglang", "lebak", "indonesia", "jakarta", "rahasia", "sandi", "katasandi", "sayang",
	"bismillah", "alhamdulillah", "pabrik", "karyawan", "pekerja", "merdeka", "garuda", "admin"}

// checkPassword adds the password rules for field: length, and strength
// against common passwords and the person's own details (login, name),
// which a password must never be built from.
func checkPassword(errs *valid.Errors, field, pw string, personal ...string) {
	switch n := utf8.RuneCountInString(pw); {
	case n < minPassword:
		errs.Add(field, "password_short", "min", minPassword)
		return
	case n > maxPassword:
		errs.Add(field, "password_long", "max", maxPassword)
		return
	}
	lower := strings.ToLower(pw)
	inputs := append([]string(nil), localWords...)
	for _, p := range personal {
		p = strings.ToLower(p)
		// An email's domain is the provider's, not the person's: it only
		// lowers the score. Its local part, a phone's digits and each word
		// of the name may not appear in the password at all.
		if at := strings.LastIndexByte(p, '@'); at >= 0 {
			inputs = append(inputs, p[at+1:])
			p = p[:at]
		}
		for _, w := range strings.FieldsFunc(p, func(r rune) bool {
			return r == ' ' || r == '.' || r == '+' || r == '-' || r == '_'
		}) {
			if utf8.RuneCountInString(w) < 3 {
				continue
			}
			inputs = append(inputs, w)
			if utf8.RuneCountInString(w) >= 4 && strings.Contains(lower, w) {
				errs.Add(field, "password_personal")
				return
			}
		}
	}
	if zxcvbn.PasswordStrength(pw, inputs).Score < minStrength {
		errs.Add(field, "password_weak")
	}
}
