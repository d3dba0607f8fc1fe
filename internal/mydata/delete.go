package mydata

import (
	"context"
	"fmt"
	"strconv"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/valid"
)

var errLogin = fail.New(fail.Unauthorized, "mydata: not logged in")

// DeletedName is the name a deleted account and its job-seeker record keep.
const DeletedName = "Akun dihapus"

// MayDelete says whether u may delete their own account now: nil, or a
// *Refusal saying why not and what to do. The page shows it before asking
// for the password; Delete checks it again.
func (s *Store) MayDelete(ctx context.Context, u *auth.User) error {
	if u == nil {
		return errLogin
	}
	for _, r := range u.Roles {
		if !selfService[r] {
			return ErrOfficer
		}
	}
	var open int
	if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM vacancies v JOIN employers e ON e.id = v.employer_id
		WHERE e.owner_id = ? AND v.status = 'published'`, u.ID).Scan(&open); err != nil {
		return fmt.Errorf("open vacancies of %d: %w", u.ID, err)
	}
	if open > 0 {
		return ErrOpenVacancies
	}
	return nil
}

// Delete deletes u's account after checking password, in one transaction.
//
// The users row and the seekers row stay as tombstones, because
// applications, placements, invitations' vacancies, training records and
// complaints point at them (foreign keys without ON DELETE on both
// databases) and the employers' reports and the province's figures count
// them. Everything that names or reaches the person is wiped from them:
// name, login, password, NIK (sealed value and lookup hash), birth date,
// free text. What is kept in clear is what the reports read (sex, birth
// year, regions, education: see docs/privacy.md, "Deleting an account").
// Everything else that is only the person's goes: contacts, consents,
// settings, inbox, outbox, sessions, login failures, API answers kept for
// retries, skills, address, work history, licences, languages, invitations. AK/1 cards are revoked. Complaints are case
// files under their legal retention: they stay, unlinked from the account.
func (s *Store) Delete(ctx context.Context, u *auth.User, password string) error {
	if err := s.MayDelete(ctx, u); err != nil {
		return err
	}
	var hash string
	if err := s.DB.QueryRowContext(ctx, `SELECT password_hash FROM users WHERE id = ?`, u.ID).Scan(&hash); err != nil {
		return fmt.Errorf("delete %d: %w", u.ID, err)
	}
	if ok, _ := s.Passwords.Verify(ctx, hash, password); !ok {
		return valid.New("password", "password_wrong")
	}
	now := s.now()
	id := strconv.FormatInt(u.ID, 10)
	loginKeys := []string{}
	for _, l := range []string{u.Email, u.Phone} {
		if l != "" {
			if pl, ok := auth.ParseLogin(l); ok {
				loginKeys = append(loginKeys, pl.Key())
			}
		}
	}
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		steps := []struct {
			what string
			sql  string
			args []any
		}{
			// The seeker's tombstone: no NIK, no name, no birth date, no free
			// text; out of every candidate list.
			{"seeker", `UPDATE seekers SET nik_enc = ?, nik_hash = ?, full_name = ?, birth_enc = NULL,
				experience = '', certificates = '', expected_wage = 0, discoverable = FALSE, occupation = '', contracts = 0,
				updated_at = ? WHERE user_id = ?`, []any{[]byte{}, "dihapus:" + id, DeletedName, now, u.ID}},
			// Documents go whole, from every application they were sent with.
			{"document links", `DELETE FROM application_documents WHERE document_id IN (SELECT d.id FROM documents d
				JOIN seekers s ON s.id = d.seeker_id WHERE s.user_id = ?)`, []any{u.ID}},
			{"documents", `DELETE FROM documents WHERE seeker_id IN (SELECT id FROM seekers WHERE user_id = ?)`, []any{u.ID}},
			{"skills", `DELETE FROM seeker_skills WHERE seeker_id IN (SELECT id FROM seekers WHERE user_id = ?)`, []any{u.ID}},
			{"address", `DELETE FROM seeker_addresses WHERE seeker_id IN (SELECT id FROM seekers WHERE user_id = ?)`, []any{u.ID}},
			{"work history", `DELETE FROM seeker_experiences WHERE seeker_id IN (SELECT id FROM seekers WHERE user_id = ?)`, []any{u.ID}},
			{"licences", `DELETE FROM seeker_licences WHERE seeker_id IN (SELECT id FROM seekers WHERE user_id = ?)`, []any{u.ID}},
			{"languages", `DELETE FROM seeker_languages WHERE seeker_id IN (SELECT id FROM seekers WHERE user_id = ?)`, []any{u.ID}},
			{"invitations", `DELETE FROM invitations WHERE seeker_id IN (SELECT id FROM seekers WHERE user_id = ?)`, []any{u.ID}},
			{"ak1", `UPDATE ak1_cards SET revoked = TRUE WHERE seeker_id IN (SELECT id FROM seekers WHERE user_id = ?)`, []any{u.ID}},
			// The applicant's own words go; the status and the employer's
			// reason stay for the employer's records.
			{"applications", `UPDATE applications SET note = '' WHERE seeker_id IN (SELECT id FROM seekers WHERE user_id = ?)`, []any{u.ID}},
			{"interviews", `UPDATE interviews SET note = '' WHERE application_id IN (SELECT a.id FROM applications a
				JOIN seekers s ON s.id = a.seeker_id WHERE s.user_id = ?)`, []any{u.ID}},
			// The seeker's messages go, and so does every shared contact;
			// the company's own messages stay for its records.
			{"thread messages", `DELETE FROM application_messages WHERE side = 'seeker' AND application_id IN (SELECT a.id FROM applications a
				JOIN seekers s ON s.id = a.seeker_id WHERE s.user_id = ?)`, []any{u.ID}},
			{"contact shares", `DELETE FROM application_contact_shares WHERE application_id IN (SELECT a.id FROM applications a
				JOIN seekers s ON s.id = a.seeker_id WHERE s.user_id = ?)`, []any{u.ID}},
			{"appeals", `UPDATE round_appeals SET body = '' WHERE seeker_id IN (SELECT id FROM seekers WHERE user_id = ?)`, []any{u.ID}},
			{"contacts", `DELETE FROM contacts WHERE user_id = ?`, []any{u.ID}},
			{"consents", `DELETE FROM consents WHERE user_id = ?`, []any{u.ID}},
			{"prefs", `DELETE FROM notify_prefs WHERE user_id = ?`, []any{u.ID}},
			{"cadence", `DELETE FROM notify_cadence WHERE user_id = ?`, []any{u.ID}},
			{"outbox", `DELETE FROM outbox WHERE user_id = ?`, []any{u.ID}},
			{"inbox", `DELETE FROM notifications WHERE user_id = ?`, []any{u.ID}},
			{"sessions", `DELETE FROM sessions WHERE user_id = ?`, []any{u.ID}},
			{"codes", `DELETE FROM account_codes WHERE user_id = ?`, []any{u.ID}},
			{"saved searches", `DELETE FROM saved_searches WHERE user_id = ?`, []any{u.ID}},
			{"digest", `DELETE FROM digest_optins WHERE user_id = ?`, []any{u.ID}},
			{"follows", `DELETE FROM program_follows WHERE user_id = ?`, []any{u.ID}},
			{"marks", `DELETE FROM remind_marks WHERE name = ?`, []any{"applicants:" + id}},
			{"supports", `DELETE FROM aspiration_supports WHERE user_id = ?`, []any{u.ID}},
			{"idempotency", `DELETE FROM idempotency_keys WHERE scope = ?`, []any{"user:" + id}},
			{"roles", `DELETE FROM user_roles WHERE user_id = ?`, []any{u.ID}},
			// A company's record is the company's (its vacancies, findings
			// and placements stay); the person who was its contact is wiped.
			{"companies", `UPDATE employers SET contact_name = '', contact_phone = '', contact_email = '' WHERE owner_id = ?`, []any{u.ID}},
			// A small business stays in the registry and the figures (its
			// NIB is the business's); its owner's name and age go.
			{"small businesses", `UPDATE umkm_businesses SET owner_name = '', owner_birth_year = NULL, owner_id = NULL WHERE owner_id = ?`, []any{u.ID}},
			// The case file stays (see docs/privacy.md); the account no
			// longer opens it.
			// The case file stays (legal retention); the contact left for news
			// is the person's, not the case's.
			{"complaints", `UPDATE complaints SET reporter_id = NULL, news_contact_enc = NULL WHERE reporter_id = ?`, []any{u.ID}},
			// The login is freed for a new registration. The row keeps an
			// address that cannot be typed at login (.invalid, RFC 2606) since
			// the schema wants an email or a phone, and a password that
			// matches nothing.
			{"user", `UPDATE users SET email = ?, phone = NULL, name = ?, password_hash = ? WHERE id = ?`,
				[]any{"dihapus-" + id + "@akun.invalid", DeletedName, auth.NoLogin, u.ID}},
		}
		for _, k := range loginKeys {
			steps = append(steps, struct {
				what string
				sql  string
				args []any
			}{"login failures", `DELETE FROM login_failures WHERE login = ?`, []any{k}})
		}
		for _, st := range steps {
			if _, err := tx.ExecContext(ctx, st.sql, st.args...); err != nil {
				return fmt.Errorf("delete %d: %s: %w", u.ID, st.what, err)
			}
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: u.ID, Action: "account.delete", SubjectType: "user", SubjectID: u.ID})
	})
	if err != nil {
		return err
	}
	if s.OnChange != nil {
		s.OnChange()
	}
	return nil
}
