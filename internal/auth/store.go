package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/secret"
	"github.com/bursa-banten/bursa/internal/valid"
)

// User is an account.
type User struct {
	ID    int64
	Email string
	Phone string
	Name  string
	Roles []Role
	Lang  string
	Demo  bool
}

// Has reports whether u holds role r.
func (u *User) Has(r Role) bool {
	for _, x := range u.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Can applies the permission table to u (nil means an anonymous visitor).
func (u *User) Can(a Action) bool { return u != nil && Can(u.Roles, a) }

// Login returns the identifier the user logs in with.
func (u *User) Login() string {
	if u.Email != "" {
		return u.Email
	}
	return u.Phone
}

// Store keeps users, sessions and login throttling in the database.
type Store struct {
	DB        *db.DB
	Passwords *Passwords
	Now       func() time.Time
	// Box seals known-device tokens; without it every device is unknown.
	Box *secret.Box
	// SessionTTL is how long a session lasts from login.
	SessionTTL time.Duration
	// AllowDemo lets demo accounts log in; only `serve --demo` sets it, so
	// the well-known demo passwords are useless on a real installation.
	AllowDemo bool
}

const (
	maxFailures  = 5
	lockDuration = 15 * time.Minute
	minPassword  = 8
	maxPassword  = 128
)

var (
	// ErrBadCredentials means the login or the password is wrong; which one is
	// never said.
	ErrBadCredentials = fail.New(fail.Unauthorized, "auth: wrong login or password")
	// ErrNoSession means the session token is unknown or expired.
	ErrNoSession = errors.New("auth: no session")
)

// LockedError says a login must wait until a time after repeated failures.
// Wait is the time left when it was made, by the store's clock.
type LockedError struct {
	Until time.Time
	Wait  time.Duration
}

func (e *LockedError) Error() string {
	return "auth: login locked until " + e.Until.Format(time.RFC3339)
}

// Is makes a lockout a fail.TooMany, answered 429 on both doors.
func (e *LockedError) Is(target error) bool { return target == fail.TooMany }

// RetryAfter is the time left on the lock, for the Retry-After header.
func (e *LockedError) RetryAfter() time.Duration {
	if e.Wait > 0 {
		return e.Wait
	}
	return max(time.Until(e.Until), time.Second)
}

// NewUser is the input for registering an account.
type NewUser struct {
	Login    string
	Name     string
	Password string
	Roles    []Role
	Lang     string
	Demo     bool
	// NoPassword creates an account that cannot log in (generated demo data).
	NoPassword bool
}

// Validate checks a registration without touching the database.
func (in *NewUser) Validate() (Login, valid.Errors) {
	var errs valid.Errors
	login, ok := ParseLogin(in.Login)
	if !ok {
		errs.Add("login", "login_invalid")
	}
	in.Name = strings.Join(strings.Fields(in.Name), " ")
	if in.Name == "" {
		errs.Add("name", "required")
	} else if utf8.RuneCountInString(in.Name) > 120 {
		errs.Add("name", "too_long", "max", 120)
	}
	if !in.NoPassword {
		checkPassword(&errs, "password", in.Password, in.Login, in.Name)
	}
	if len(in.Roles) == 0 {
		errs.Add("roles", "required")
	}
	return login, errs
}

// Create registers a user in q. Validation failures come back as valid.Errors.
func (s *Store) Create(ctx context.Context, q db.Querier, in NewUser) (User, error) {
	login, errs := in.Validate()
	if err := errs.Err(); err != nil {
		return User{}, err
	}
	name := in.Name
	hash := NoLogin
	if !in.NoPassword {
		var err error
		if hash, err = s.Passwords.Hash(ctx, in.Password); err != nil {
			return User{}, fmt.Errorf("hash password: %w", err)
		}
	}
	lang := in.Lang
	if lang != "en" {
		lang = "id"
	}
	u := User{Email: login.Email, Phone: login.Phone, Name: name, Roles: in.Roles, Lang: lang, Demo: in.Demo}
	id, err := db.InsertID(ctx, q, `INSERT INTO users (email, phone, name, password_hash, lang, demo, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, nullable(u.Email), nullable(u.Phone), u.Name, hash, lang, in.Demo, s.Now().UTC())
	if db.IsUniqueViolation(err) {
		return User{}, valid.New("login", "login_taken")
	}
	if err != nil {
		return User{}, fmt.Errorf("insert user: %w", err)
	}
	u.ID = id
	for _, r := range in.Roles {
		if err := s.grant(ctx, q, id, r); err != nil {
			return User{}, err
		}
	}
	return u, nil
}

func (s *Store) grant(ctx context.Context, q db.Querier, userID int64, r Role) error {
	if _, ok := ParseRole(string(r)); !ok {
		return fmt.Errorf("grant: unknown role %q", r)
	}
	_, err := q.ExecContext(ctx, `INSERT INTO user_roles (user_id, role) VALUES (?, ?) ON CONFLICT DO NOTHING`, userID, string(r))
	if err != nil {
		return fmt.Errorf("grant %s to %d: %w", r, userID, err)
	}
	return nil
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

const userCols = `id, COALESCE(email, ''), COALESCE(phone, ''), name, lang, demo`

func (s *Store) scanUser(ctx context.Context, row *sql.Row) (User, string, error) {
	var u User
	var hash string
	if err := row.Scan(&u.ID, &u.Email, &u.Phone, &u.Name, &u.Lang, &u.Demo, &hash); err != nil {
		return User{}, "", err
	}
	roles, err := s.roles(ctx, u.ID)
	if err != nil {
		return User{}, "", err
	}
	u.Roles = roles
	return u, hash, nil
}

func (s *Store) roles(ctx context.Context, userID int64) ([]Role, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT role FROM user_roles WHERE user_id = ? ORDER BY role`, userID)
	if err != nil {
		return nil, fmt.Errorf("roles of %d: %w", userID, err)
	}
	defer rows.Close()
	var out []Role
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		out = append(out, Role(r))
	}
	return out, rows.Err()
}

// Get returns user id.
func (s *Store) Get(ctx context.Context, id int64) (User, error) {
	u, _, err := s.scanUser(ctx, s.DB.QueryRowContext(ctx, `SELECT `+userCols+`, password_hash FROM users WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, fmt.Errorf("user %d: %w", id, db.ErrNotFound)
	}
	if err != nil {
		return User{}, fmt.Errorf("user %d: %w", id, err)
	}
	return u, nil
}

// ByLogin finds a user by email or Indonesian mobile number, written any
// way ParseLogin accepts.
func (s *Store) ByLogin(ctx context.Context, login string) (User, error) {
	l, ok := ParseLogin(login)
	if !ok {
		return User{}, fmt.Errorf("login %q: %w", login, db.ErrNotFound)
	}
	u, _, err := s.byLogin(ctx, l)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, fmt.Errorf("login %q: %w", login, db.ErrNotFound)
	}
	return u, err
}

func (s *Store) byLogin(ctx context.Context, l Login) (User, string, error) {
	col, val := "email", l.Email
	if l.Email == "" {
		col, val = "phone", l.Phone
	}
	return s.scanUser(ctx, s.DB.QueryRowContext(ctx, `SELECT `+userCols+`, password_hash FROM users WHERE `+col+` = ?`, val))
}

// Attempt is one login try: what was typed, from which address, and the
// known-device token the browser or app sent, if any.
type Attempt struct {
	Login, Password string
	Addr            string
	Device          string
}

// Authenticate checks a login and password from addr with no device token.
func (s *Store) Authenticate(ctx context.Context, loginInput, password, addr string) (User, error) {
	return s.Login(ctx, Attempt{Login: loginInput, Password: password, Addr: addr})
}

// Login checks an attempt under the throttle (see throttle.go): a
// *LockedError (fail.TooMany, with RetryAfter) while the address is locked or
// the account is slowed down, ErrBadCredentials for a wrong login or password.
func (s *Store) Login(ctx context.Context, a Attempt) (User, error) {
	login, ok := ParseLogin(a.Login)
	key := strings.ToLower(strings.TrimSpace(a.Login))
	if ok {
		key = login.Key()
	}
	now := s.Now().UTC()
	var u User
	var hash string
	var err error
	if ok {
		u, hash, err = s.byLogin(ctx, login)
	}
	found := ok && err == nil
	if ok && err != nil && !errors.Is(err, sql.ErrNoRows) {
		return User{}, fmt.Errorf("login: %w", err)
	}
	known := found && s.knownDevice(a.Device, u.ID)
	if until, err := s.throttled(ctx, key, a.Addr, known, now); err != nil {
		return User{}, err
	} else if !until.IsZero() {
		return User{}, &LockedError{Until: until, Wait: until.Sub(now)}
	}
	if !found {
		// Spend the same time as a real check so timing does not reveal
		// which logins exist.
		_, _ = s.Passwords.Hash(ctx, a.Password)
		return User{}, s.failed(ctx, key, a.Addr, known, now)
	}
	match, err := s.Passwords.Verify(ctx, hash, a.Password)
	if err != nil && !errors.Is(err, errBadHash) {
		return User{}, fmt.Errorf("login: %w", err)
	}
	if !match || (u.Demo && !s.AllowDemo) {
		return User{}, s.failed(ctx, key, a.Addr, known, now)
	}
	// The owner got in: the account's slowdown is over everywhere.
	if _, err := s.DB.ExecContext(ctx, `DELETE FROM login_failures WHERE login = ?`, key); err != nil {
		return User{}, fmt.Errorf("clear failures: %w", err)
	}
	return u, nil
}

// failed records a failure and says whether it started a lock or slowdown.
func (s *Store) failed(ctx context.Context, key, addr string, known bool, now time.Time) error {
	if _, err := s.DB.ExecContext(ctx, `INSERT INTO login_failures (login, addr, at) VALUES (?, ?, ?)`, key, addr, now); err != nil {
		return fmt.Errorf("record failure: %w", err)
	}
	if until, err := s.throttled(ctx, key, addr, known, now); err == nil && !until.IsZero() {
		return &LockedError{Until: until, Wait: until.Sub(now)}
	}
	return ErrBadCredentials
}

// ChangePassword sets a new password after checking the current one.
func (s *Store) ChangePassword(ctx context.Context, userID int64, current, next string) error {
	var hash, email, phone, name string
	if err := s.DB.QueryRowContext(ctx, `SELECT password_hash, COALESCE(email, ''), COALESCE(phone, ''), name
		FROM users WHERE id = ?`, userID).Scan(&hash, &email, &phone, &name); err != nil {
		return fmt.Errorf("change password %d: %w", userID, err)
	}
	var errs valid.Errors
	if ok, _ := s.Passwords.Verify(ctx, hash, current); !ok {
		errs.Add("current", "password_wrong")
	}
	checkPassword(&errs, "password", next, email, phone, name)
	if err := errs.Err(); err != nil {
		return err
	}
	newHash, err := s.Passwords.Hash(ctx, next)
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	// Changing the password ends every other session of this user.
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, newHash, userID); err != nil {
			return fmt.Errorf("change password %d: %w", userID, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID); err != nil {
			return fmt.Errorf("end sessions %d: %w", userID, err)
		}
		return nil
	})
}

// SetLang remembers a user's language choice.
func (s *Store) SetLang(ctx context.Context, userID int64, lang string) error {
	if lang != "en" {
		lang = "id"
	}
	_, err := s.DB.ExecContext(ctx, `UPDATE users SET lang = ? WHERE id = ?`, lang, userID)
	return err
}

func hashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// StartSession creates a session for u and returns its token (for a cookie).
// Only the token's hash is stored, so a database leak gives no sessions.
func (s *Store) StartSession(ctx context.Context, userID int64) (string, error) {
	b := make([]byte, 32)
	rand.Read(b)
	token := base64.RawURLEncoding.EncodeToString(b)
	now := s.Now().UTC()
	ttl := s.SessionTTL
	if ttl == 0 {
		ttl = 14 * 24 * time.Hour
	}
	if _, err := s.DB.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		hashToken(token), userID, now, now.Add(ttl)); err != nil {
		return "", fmt.Errorf("start session: %w", err)
	}
	return token, nil
}

// Session returns the user of a live session token.
func (s *Store) Session(ctx context.Context, token string) (User, error) {
	if token == "" || len(token) > 100 {
		return User{}, ErrNoSession
	}
	var userID int64
	err := s.DB.QueryRowContext(ctx, `SELECT user_id FROM sessions WHERE token_hash = ? AND expires_at > ?`,
		hashToken(token), s.Now().UTC()).Scan(&userID)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, ErrNoSession
	}
	if err != nil {
		return User{}, fmt.Errorf("session: %w", err)
	}
	u, err := s.Get(ctx, userID)
	if err != nil {
		return User{}, err
	}
	// A session opened while serving in demo mode must not outlive it: the
	// demo password is public, so a demo account's cookie is worth nothing
	// on an installation that is not a demo.
	if u.Demo && !s.AllowDemo {
		return User{}, ErrNoSession
	}
	return u, nil
}

// EndSession logs a session out.
func (s *Store) EndSession(ctx context.Context, token string) error {
	_, err := s.DB.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`, hashToken(token))
	return err
}
