package mydata

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Correction is what a person corrects directly on the data page or by
// PATCH /api/v1/me; an empty field is left as it is. The profile, contacts
// and password have their own forms.
type Correction struct {
	Name string
	Lang string
}

// Correct validates c and applies it to u's account.
func (s *Store) Correct(ctx context.Context, u *auth.User, c Correction) error {
	if u == nil {
		return errLogin
	}
	var errs valid.Errors
	name := strings.Join(strings.Fields(c.Name), " ")
	switch {
	case c.Name != "" && name == "":
		errs.Add("name", "required")
	case utf8.RuneCountInString(name) > 120:
		errs.Add("name", "too_long", "max", 120)
	case valid.BadText(name):
		errs.Add("name", valid.TextCode)
	}
	if c.Lang != "" && c.Lang != "id" && c.Lang != "en" {
		errs.Add("lang", "lang_invalid")
	}
	if err := errs.Err(); err != nil {
		return err
	}
	if name == "" {
		name = u.Name
	}
	lang := c.Lang
	if lang == "" {
		lang = u.Lang
	}
	if _, err := s.DB.ExecContext(ctx, `UPDATE users SET name = ?, lang = ? WHERE id = ?`, name, lang, u.ID); err != nil {
		return fmt.Errorf("correct %d: %w", u.ID, err)
	}
	u.Name, u.Lang = name, lang
	return nil
}
