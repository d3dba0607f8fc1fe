package seeker

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/secret"
	"github.com/bursa-banten/bursa/internal/wib"
)

// The digital AK/1 card (kartu kuning): issued at registration when the NIK's
// regency is the declared domicile, otherwise by an officer; checked in
// public by a token that cannot be guessed from the card number.

// Card is a digital AK/1 card.
type Card struct {
	ID         int64
	SeekerID   int64
	Number     string
	Token      string // for the public verification URL; unguessable
	IssuedOn   time.Time
	ValidUntil time.Time
	AutoIssued bool
	Revoked    bool
}

// ValidOn reports whether the card is valid at instant t, judged by t's WIB
// calendar day: a card issued "today" in Banten is valid from 00:00 WIB, even
// though that is still yesterday in UTC.
func (c Card) ValidOn(t time.Time) bool {
	day := wib.Date(t)
	return !c.Revoked && !day.Before(c.IssuedOn) && !day.After(c.ValidUntil)
}

// CardValidity is two years (Permenaker 39/2016).
const CardValidity = 2

func (s *Store) issue(ctx context.Context, q db.Querier, sk Seeker, officerID int64) (Card, error) {
	today := wib.Date(s.Now())
	c := Card{SeekerID: sk.ID, Token: cardToken(), IssuedOn: today,
		ValidUntil: today.AddDate(CardValidity, 0, -1), AutoIssued: officerID == 0}
	var by any
	if officerID != 0 {
		by = officerID
	}
	// The number is region-year-id, so it is unique without a counter table;
	// it is written in a second statement once the id is known.
	id, err := db.InsertID(ctx, q, `INSERT INTO ak1_cards (seeker_id, number, token, issued_on, valid_until, issued_by,
		auto_issued, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, sk.ID, "pending-"+c.Token, c.Token, c.IssuedOn,
		c.ValidUntil, by, c.AutoIssued, s.Now().UTC())
	if err != nil {
		return Card{}, fmt.Errorf("issue AK/1 for seeker %d: %w", sk.ID, err)
	}
	c.ID = id
	c.Number = fmt.Sprintf("%s-%d-%07d", sk.DomicileRegion, today.Year(), id)
	if _, err := q.ExecContext(ctx, `UPDATE ak1_cards SET number = ? WHERE id = ?`, c.Number, id); err != nil {
		return Card{}, fmt.Errorf("issue AK/1 for seeker %d: %w", sk.ID, err)
	}
	if officerID != 0 {
		if err := audit.Record(ctx, q, audit.Entry{At: s.Now(), ActorID: officerID, Action: "ak1.issue",
			SubjectType: "seeker", SubjectID: sk.ID, Detail: c.Number}); err != nil {
			return Card{}, err
		}
	}
	return c, nil
}

// ErrHasCard means the seeker already holds a valid card.
var ErrHasCard = fail.New(fail.Conflict, "seeker already holds a valid AK/1 card")

// Issue gives seekerID a new AK/1 card, issued by officer u: one who may
// issue cards (auth.IssueAK1). The issuing is audited.
func (s *Store) Issue(ctx context.Context, u *auth.User, seekerID int64) (Card, error) {
	if err := auth.Require(u, auth.IssueAK1); err != nil {
		return Card{}, err
	}
	sk, err := s.Get(ctx, seekerID)
	if err != nil {
		return Card{}, err
	}
	var c Card
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if cur, ok, err := s.card(ctx, tx, `seeker_id = ? ORDER BY id DESC`, seekerID); err != nil {
			return err
		} else if ok && cur.ValidOn(s.Now()) {
			return ErrHasCard
		}
		c, err = s.issue(ctx, tx, sk, u.ID)
		return err
	})
	return c, err
}

func (s *Store) card(ctx context.Context, q db.Querier, where string, arg any) (Card, bool, error) {
	var c Card
	err := q.QueryRowContext(ctx, `SELECT id, seeker_id, number, token, issued_on, valid_until, auto_issued, revoked
		FROM ak1_cards WHERE `+where+` LIMIT 1`, arg).Scan(&c.ID, &c.SeekerID, &c.Number, &c.Token, &c.IssuedOn,
		&c.ValidUntil, &c.AutoIssued, &c.Revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return Card{}, false, nil
	}
	if err != nil {
		return Card{}, false, fmt.Errorf("AK/1 card: %w", err)
	}
	return c, true, nil
}

// Card returns the seeker's latest AK/1 card, if any.
func (s *Store) Card(ctx context.Context, seekerID int64) (Card, bool, error) {
	return s.card(ctx, s.DB, `seeker_id = ? ORDER BY id DESC`, seekerID)
}

// HasValidCard reports whether the seeker may apply for vacancies today.
func (s *Store) HasValidCard(ctx context.Context, seekerID int64) (bool, error) {
	c, ok, err := s.Card(ctx, seekerID)
	return ok && c.ValidOn(s.Now()), err
}

// PublicCard is what the public verification page shows: nothing that
// identifies the holder beyond initials and region.
type PublicCard struct {
	Number     string
	MaskedName string
	Region     string
	IssuedOn   time.Time
	ValidUntil time.Time
	Valid      bool
}

// CardByToken returns the public view of a card for its QR code's URL.
func (s *Store) CardByToken(ctx context.Context, token string) (PublicCard, error) {
	c, ok, err := s.card(ctx, s.DB, `token = ?`, token)
	if err != nil {
		return PublicCard{}, err
	}
	if !ok {
		return PublicCard{}, fmt.Errorf("AK/1 card: %w", db.ErrNotFound)
	}
	sk, err := s.Get(ctx, c.SeekerID)
	if err != nil {
		return PublicCard{}, err
	}
	return PublicCard{Number: c.Number, MaskedName: MaskedName(sk.FullName), Region: sk.DomicileRegion,
		IssuedOn: c.IssuedOn, ValidUntil: c.ValidUntil, Valid: c.ValidOn(s.Now())}, nil
}

// MayIssue reports whether u may issue AK/1 cards, so an officer's work
// list shows the seekers waiting for one only to those who can act on it.
func MayIssue(u *auth.User) bool { return auth.Require(u, auth.IssueAK1) == nil }

// Queued is a seeker in an officer's AK/1 queue.
type Queued struct {
	Seeker
	// NIKMasked is the NIK's last four digits ("************0042"), to tell
	// two applicants of one name apart at the desk before the audited
	// reading of the whole NIK. It is masked from the sealed NIK: no NIK
	// digit is stored in clear.
	NIKMasked string
}

// Queue lists, for officer u who issues cards, the seekers without a valid
// AK/1 card, oldest first.
func (s *Store) Queue(ctx context.Context, u *auth.User, limit int) ([]Queued, error) {
	if err := auth.Require(u, auth.IssueAK1); err != nil {
		return nil, err
	}
	today := wib.Date(s.Now())
	rows, err := s.DB.QueryContext(ctx, `SELECT id FROM seekers sk WHERE NOT EXISTS (
		SELECT 1 FROM ak1_cards c WHERE c.seeker_id = sk.id AND NOT c.revoked AND c.valid_until >= ?)
		ORDER BY created_at, id LIMIT ?`, today, limit)
	if err != nil {
		return nil, fmt.Errorf("AK/1 queue: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	out := make([]Queued, 0, len(ids))
	for _, id := range ids {
		sk, err := s.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		masked, err := s.maskedNIK(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, Queued{Seeker: sk, NIKMasked: masked})
	}
	return out, nil
}

// maskedNIK opens seeker id's NIK and keeps its last four digits.
func (s *Store) maskedNIK(ctx context.Context, id int64) (string, error) {
	var enc []byte
	if err := s.DB.QueryRowContext(ctx, `SELECT nik_enc FROM seekers WHERE id = ?`, id).Scan(&enc); err != nil {
		return "", fmt.Errorf("nik of seeker %d: %w", id, err)
	}
	pt, err := s.Box.Open(enc, "seeker.nik")
	if err == nil && len(pt) != 16 {
		err = secret.ErrOpen
	}
	if err != nil {
		return "", fmt.Errorf("nik of seeker %d: %w", id, err)
	}
	return ref.NIK{Number: string(pt)}.Masked(), nil
}

// cardToken is the card's public check token: 120 random bits, so cards
// cannot be enumerated from the check URL.
func cardToken() string {
	b := make([]byte, 15)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
