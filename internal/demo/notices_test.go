package demo_test

import (
	"context"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/demo"
	"github.com/bursa-banten/bursa/internal/notify"
)

// TestDemoNotices: every demo login is a verified email with consent, and
// every demo role opens an inbox with notices in it; the seeker's and the
// company's come from their applications, and mail for them is queued.
func TestDemoNotices(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, _ := apptest.Services(t, d)
		apptest.Demo(t, a)
		for _, acc := range demo.Accounts() {
			u, err := a.Auth.ByLogin(ctx, acc.Login)
			if err != nil {
				t.Fatal(err)
			}
			var addr string
			var verified bool
			if err := d.QueryRowContext(ctx, `SELECT address, verified_at IS NOT NULL FROM contacts WHERE user_id = ? AND kind = 'email'`, u.ID).
				Scan(&addr, &verified); err != nil || addr != acc.Login || !verified {
				t.Errorf("%s: email contact %q verified %v: %v", acc.Login, addr, verified, err)
			}
			s, err := a.Notify.Settings(ctx, &u)
			if err != nil || !s.Consent[notify.Email] {
				t.Errorf("%s: no email consent: %v", acc.Login, err)
			}
			items, unread, err := a.Notify.List(ctx, &u, 200)
			if err != nil || len(items) == 0 || unread != len(items) {
				t.Fatalf("%s: inbox %d items, %d unread: %v", acc.Login, len(items), unread, err)
			}
			kinds := map[notify.Kind]int{}
			welcome := false
			for _, it := range items {
				kinds[it.Kind]++
				welcome = welcome || (it.Title == "Selamat datang di bursa" && it.URL == demo.Home[acc.Role] &&
					strings.Contains(it.Body, "Pengaturan pemberitahuan"))
			}
			if !welcome {
				t.Errorf("%s: no welcome notice: %+v", acc.Login, items)
			}
			switch acc.Role {
			case auth.Pencari:
				if kinds[notify.Application] < 2 {
					t.Errorf("demo seeker's application notices: %v", kinds)
				}
			case auth.Perusahaan:
				if kinds[notify.Applicants] == 0 {
					t.Errorf("demo company's applicant notices: %v", kinds)
				}
			}
			var mails int
			d.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE address = ? AND channel = 'email'`, acc.Login).Scan(&mails)
			if mails < len(items) {
				t.Errorf("%s: %d mails queued for %d notices", acc.Login, mails, len(items))
			}
		}
	})
}
