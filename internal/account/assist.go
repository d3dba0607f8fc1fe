package account

import (
	"context"
	"crypto/subtle"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/valid"
)

// recoverAction is the audit action of a reset at the office.
const recoverAction = "account.recover"

// AssistInput is what a petugas confirms before resetting a seeker's
// access: that they looked at the person's KTP, and its NIK's last four
// digits typed from the card.
type AssistInput struct {
	KTPChecked bool
	NIKLast4   string
}

// Assisted is what the petugas hands the seeker: their login and a
// one-time code to set a new password at ResetPath, before Expires.
type Assisted struct {
	SeekerID int64
	Name     string
	Login    string
	Code     string
	Expires  time.Time
}

// Assist lets a seeker without a working phone or mailbox back in: a
// petugas (auth.RecoverAccount) who checked the KTP against the stored NIK
// gets a one-time reset code for the seeker, valid 30 minutes and 5 tries,
// which the seeker types at ResetPath with a password of their own.
//
// A code rather than a temporary password: the petugas never knows a
// password the seeker goes on using, an unused code dies by itself within
// the half hour (a temporary password lives until changed), and no "must
// change the password" state has to be enforced on every login path of
// both doors and every app.
//
// The reset ends every session of the account at once (whoever holds the
// lost phone is logged out), is audited with the petugas and the seeker,
// and is told to the seeker in their inbox and on their account page.
func (s *Store) Assist(ctx context.Context, officer *auth.User, seekerID int64, in AssistInput) (Assisted, error) {
	if err := auth.Require(officer, auth.RecoverAccount); err != nil {
		return Assisted{}, err
	}
	sk, err := s.Seekers.Get(ctx, seekerID)
	if err != nil {
		return Assisted{}, err
	}
	var errs valid.Errors
	if !in.KTPChecked {
		errs.Add("ktp_checked", "ktp_check_required")
	}
	if !fourDigits(in.NIKLast4) {
		errs.Add("nik_last4", "nik_last4_format")
	}
	if err := errs.Err(); err != nil {
		return Assisted{}, err
	}
	nik, err := s.Seekers.OwnNIK(ctx, sk.UserID)
	if err != nil {
		return Assisted{}, fmt.Errorf("assist %d: %w", seekerID, err)
	}
	if len(nik) < 4 || subtle.ConstantTimeCompare([]byte(nik[len(nik)-4:]), []byte(in.NIKLast4)) != 1 {
		return Assisted{}, valid.New("nik_last4", "nik_last4_mismatch")
	}
	u, err := s.Auth.Get(ctx, sk.UserID)
	if err != nil {
		return Assisted{}, err
	}
	code := newCode()
	now := s.Now().UTC()
	out := Assisted{SeekerID: seekerID, Name: sk.FullName, Login: u.Login(), Code: code, Expires: now.Add(ResetTTL)}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if err := s.issue(ctx, tx, u.ID, forReset, code, "", "", "", "office", officer.ID, ResetTTL); err != nil {
			return err
		}
		if err := auth.EndSessions(ctx, tx, u.ID); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Entry{At: now, ActorID: officer.ID, Action: recoverAction,
			SubjectType: "seeker", SubjectID: seekerID, Detail: "KTP diperiksa; kode sekali pakai untuk kata sandi baru"}); err != nil {
			return err
		}
		_, err := s.Notify.Send(ctx, tx, notify.Notice{To: u.ID, Kind: notify.Account, Title: "akun.assisted.title",
			Body: "akun.assisted.body", Args: []any{"officer", officer.Name}, URL: "/akun/kontak"})
		return err
	})
	if err != nil {
		return Assisted{}, err
	}
	return out, nil
}

func fourDigits(s string) bool {
	if len(s) != 4 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
