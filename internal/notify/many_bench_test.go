package notify_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/notify"
)

// benchPeople makes n seekers, half with a verified, consented email.
func benchPeople(b *testing.B, d *db.DB, n int) []notify.Notice {
	a, _ := apptest.Services(b, d)
	ctx := context.Background()
	ns := make([]notify.Notice, 0, n)
	for i := range n {
		u, err := a.Auth.Create(ctx, d, auth.NewUser{Login: fmt.Sprintf("p%d@example.id", i), Name: "P", Roles: []auth.Role{auth.Pencari}, NoPassword: true})
		if err != nil {
			b.Fatal(err)
		}
		if i%2 == 0 {
			d.ExecContext(ctx, `INSERT INTO contacts (user_id, kind, address, verified_at, created_at) VALUES (?, 'email', ?, ?, ?)`, u.ID, u.Email, a.Now(), a.Now())
			a.Notify.SetConsent(ctx, d, u.ID, notify.Email, true)
			a.Notify.SetChoices(ctx, &u, []notify.Choice{{Kind: notify.Digest, Channel: notify.Email, On: true}})
		}
		ns = append(ns, notify.Notice{To: u.ID, Kind: notify.Digest, Title: "ak1.valid_until", Body: "ak1.valid_until", Args: []any{"date", "1 Juli"}, URL: "/pencari"})
	}
	return ns
}

// BenchmarkDigestNotices writes 2,000 digest notices (half also by email)
// one Send at a time and with SendMany, in transactions of 500 as the
// digest does; each op is all 2,000.
func BenchmarkDigestNotices(b *testing.B) {
	d := dbtest.SQLite(b)
	a, _ := apptest.Services(b, d)
	ns := benchPeople(b, d, 2000)
	ctx := context.Background()
	run := 0
	write := func(b *testing.B, many bool) {
		for b.Loop() {
			run++
			for lo := 0; lo < len(ns); lo += 500 {
				part := make([]notify.Notice, 0, 500)
				for _, n := range ns[lo:min(lo+500, len(ns))] {
					n.Dedupe = fmt.Sprint("bench:", run)
					part = append(part, n)
				}
				err := d.InTx(ctx, func(tx *db.Tx) error {
					if many {
						_, err := a.Notify.SendMany(ctx, tx, part)
						return err
					}
					for _, n := range part {
						if _, err := a.Notify.Send(ctx, tx, n); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.Run("Send", func(b *testing.B) { write(b, false) })
	b.Run("SendMany", func(b *testing.B) { write(b, true) })
}
