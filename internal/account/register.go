package account

import (
	"context"

	"github.com/bursa-banten/bursa/internal/auth"
)

// Registration is a self-registration, from the /daftar page or the API.
type Registration struct {
	Login    string
	Name     string
	Password string
	// Repeat is the password typed again, when the form asks for it (the
	// page does; an app checks it on the phone and sends nil).
	Repeat *string
	// Role is what the person registers as: "pencari" (the default when
	// empty) or "perusahaan". No other role can be taken by oneself.
	Role string
	Lang string
}

// SelfRoles are the roles a person may register as by themselves.
var SelfRoles = []auth.Role{auth.Pencari, auth.Perusahaan}

// Register creates a job seeker's or an employer's account. Every rule
// broken comes back at once as valid.Errors (login, name, password,
// password2, role); a login already taken is login_taken.
func (s *Store) Register(ctx context.Context, in Registration) (auth.User, error) {
	var role auth.Role
	switch in.Role {
	case "", string(auth.Pencari):
		role = auth.Pencari
	case string(auth.Perusahaan):
		role = auth.Perusahaan
	}
	nu := auth.NewUser{Login: in.Login, Name: in.Name, Password: in.Password, Roles: []auth.Role{role}, Lang: in.Lang}
	_, errs := nu.Validate()
	if role == "" {
		errs.Add("role", "role_invalid")
	}
	if in.Repeat != nil && *in.Repeat != in.Password {
		errs.Add("password2", "password_mismatch")
	}
	if err := errs.Err(); err != nil {
		return auth.User{}, err
	}
	return s.Auth.Create(ctx, s.DB, nu)
}
