package notify_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/notify"
)

// person makes an account with a verified email and, when consent, the
// email channel consented to.
func person(t *testing.T, a interface {
	Create(context.Context, db.Querier, auth.NewUser) (auth.User, error)
}, d *db.DB, login string, consent bool, n *notify.Store) auth.User {
	t.Helper()
	ctx := context.Background()
	u, err := a.Create(ctx, d, auth.NewUser{Login: login, Name: "Siti Aminah", Roles: []auth.Role{auth.Pencari}, NoPassword: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.ExecContext(ctx, `INSERT INTO contacts (user_id, kind, address, verified_at, created_at) VALUES (?, 'email', ?, ?, ?)`,
		u.ID, login, n.Now().UTC(), n.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	if consent {
		if err := n.SetConsent(ctx, d, u.ID, notify.Email, true); err != nil {
			t.Fatal(err)
		}
	}
	return u
}

func outbox(t *testing.T, d *db.DB, user int64) (n int) {
	t.Helper()
	if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM outbox WHERE user_id = ?`, user).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSendRoutes checks who gets what where: the inbox always, email only
// with a verified address, consent and the kind not turned off; a digest
// kind stays off until chosen; dedupe sends once; codes skip the inbox.
func TestSendRoutes(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, _ := apptest.Services(t, d)
		ctx := context.Background()
		n := a.Notify
		yes := person(t, a.Auth, d, "siti@example.id", true, n)
		no := person(t, a.Auth, d, "budi@example.id", false, n)
		send := func(u auth.User, k notify.Kind, dedupe string) bool {
			t.Helper()
			var fresh bool
			err := d.InTx(ctx, func(tx *db.Tx) error {
				var err error
				fresh, err = n.Send(ctx, tx, notify.Notice{To: u.ID, Kind: k, Title: "ak1.valid_until", Args: []any{"date", "1 Juli 2026"}, URL: "/pencari", Dedupe: dedupe})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			return fresh
		}
		send(yes, notify.Application, "")
		send(no, notify.Application, "")
		if got := outbox(t, d, yes.ID); got != 1 {
			t.Errorf("consented person: %d outbox rows, want 1", got)
		}
		if got := outbox(t, d, no.ID); got != 0 {
			t.Errorf("person without consent: %d outbox rows, want 0", got)
		}
		items, unread, err := n.List(ctx, &no, 10)
		if err != nil || unread != 1 || len(items) != 1 || items[0].Title != "Berlaku sampai 1 Juli 2026" {
			t.Fatalf("inbox of the person without consent = %+v, %d, %v", items, unread, err)
		}
		// The digest is off on email until chosen.
		send(yes, notify.Digest, "digest:1")
		if got := outbox(t, d, yes.ID); got != 1 {
			t.Errorf("digest went out by email without being chosen: %d rows", got)
		}
		if send(yes, notify.Digest, "digest:1") {
			t.Error("a second notice with the same dedupe was sent")
		}
		// Turned off: application notices stay in the inbox only.
		if err := n.SetChoices(ctx, &yes, []notify.Choice{{Kind: notify.Application, Channel: notify.Email, On: false}, {Kind: notify.Digest, Channel: notify.Email, On: true}}); err != nil {
			t.Fatal(err)
		}
		send(yes, notify.Application, "")
		send(yes, notify.Digest, "digest:2")
		if got := outbox(t, d, yes.ID); got != 2 {
			t.Errorf("after choices: %d outbox rows, want 2 (the first application notice and digest 2)", got)
		}
		if err := n.SetChoices(ctx, &yes, []notify.Choice{{Kind: notify.Account, Channel: notify.Email}}); err == nil {
			t.Error("account notices could be turned off")
		}
		// Withdrawn consent stops email; the history keeps both choices.
		if err := n.SetConsent(ctx, d, yes.ID, notify.Email, false); err != nil {
			t.Fatal(err)
		}
		send(yes, notify.Application, "")
		if got := outbox(t, d, yes.ID); got != 2 {
			t.Errorf("after consent withdrawn: %d outbox rows, want 2", got)
		}
		var history int
		d.QueryRowContext(ctx, `SELECT COUNT(*) FROM consents WHERE user_id = ?`, yes.ID).Scan(&history)
		if history != 2 {
			t.Errorf("consent history has %d rows, want 2", history)
		}
		// A code goes out (account messages need no consent) but never to the inbox.
		before, _ := n.Unread(ctx, &yes)
		if err := d.InTx(ctx, func(tx *db.Tx) error {
			_, err := n.Send(ctx, tx, notify.Notice{To: yes.ID, Kind: notify.Account, Title: "ak1.valid_until", Code: "123456"})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		after, _ := n.Unread(ctx, &yes)
		if after != before {
			t.Errorf("a code landed in the inbox: unread %d → %d", before, after)
		}
		if got := outbox(t, d, yes.ID); got != 3 {
			t.Errorf("the code was not queued: %d outbox rows, want 3", got)
		}
		// Reading: another person's notice cannot be marked.
		items, _, _ = n.List(ctx, &yes, 50)
		if err := n.MarkRead(ctx, &no, items[0].ID); err != nil {
			t.Fatal(err)
		}
		if u, _ := n.Unread(ctx, &yes); u != after {
			t.Errorf("another person marked my notice read: unread %d, want %d", u, after)
		}
		if err := n.MarkRead(ctx, &yes); err != nil {
			t.Fatal(err)
		}
		if u, _ := n.Unread(ctx, &yes); u != 0 {
			t.Errorf("unread after marking all = %d", u)
		}
	})
}

// TestUnsubscribe checks the one-click link turns off exactly its kind and
// channel, and that an altered link does nothing.
func TestUnsubscribe(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, _ := apptest.Services(t, d)
		ctx := context.Background()
		n := a.Notify
		u := person(t, a.Auth, d, "siti@example.id", true, n)
		tok := n.UnsubscribeToken(u.ID, notify.Application, notify.Email)
		for _, bad := range []string{"", "x.y.z", tok[:len(tok)-1] + "0", "1.lamaran.email." + tok[len(tok)-32:]} {
			if bad == tok {
				continue
			}
			if _, _, err := n.Unsubscribe(ctx, bad); err != notify.ErrBadToken {
				t.Errorf("Unsubscribe(%q) = %v, want ErrBadToken", bad, err)
			}
		}
		for range 2 { // idempotent
			k, c, err := n.Unsubscribe(ctx, tok)
			if err != nil || k != notify.Application || c != notify.Email {
				t.Fatalf("Unsubscribe = %s, %s, %v", k, c, err)
			}
		}
		st, err := n.Settings(ctx, &u)
		if err != nil {
			t.Fatal(err)
		}
		if st.Choices[notify.Application][notify.Email] || !st.Choices[notify.Invitation][notify.Email] {
			t.Errorf("choices after unsubscribe = %v", st.Choices)
		}
	})
}

// TestQuietHoursWhenQueued checks WhatsApp and SMS wait for 06:00 WIB at night while
// email and codes do not.
func TestQuietHoursWhenQueued(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, clk := apptest.Services(t, d)
		ctx := context.Background()
		n := a.Notify
		clk.T = time.Date(2026, 3, 2, 15, 30, 0, 0, time.UTC) // 22:30 WIB
		u := person(t, a.Auth, d, "siti@example.id", true, n)
		if _, err := d.ExecContext(ctx, `INSERT INTO contacts (user_id, kind, address, verified_at, created_at) VALUES (?, 'phone', '+6281200000001', ?, ?)`,
			u.ID, clk.T, clk.T); err != nil {
			t.Fatal(err)
		}
		if err := n.SetConsent(ctx, d, u.ID, notify.WhatsApp, true); err != nil {
			t.Fatal(err)
		}
		for _, k := range []notify.Kind{notify.Application, notify.Account} {
			if err := d.InTx(ctx, func(tx *db.Tx) error {
				_, err := n.Send(ctx, tx, notify.Notice{To: u.ID, Kind: k, Title: "ak1.valid_until"})
				return err
			}); err != nil {
				t.Fatal(err)
			}
		}
		rows, err := d.QueryContext(ctx, `SELECT kind, channel, next_at FROM outbox WHERE user_id = ? ORDER BY id`, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		morning := time.Date(2026, 3, 2, 23, 0, 0, 0, time.UTC) // 06:00 WIB on the 3rd
		got := map[string]time.Time{}
		for rows.Next() {
			var k, c string
			var at time.Time
			if err := rows.Scan(&k, &c, &at); err != nil {
				t.Fatal(err)
			}
			got[k+"/"+c] = at.UTC()
		}
		want := map[string]time.Time{"lamaran/email": clk.T, "lamaran/whatsapp": morning, "akun/email": clk.T, "akun/whatsapp": clk.T}
		for k, w := range want {
			if !got[k].Equal(w) {
				t.Errorf("%s next_at = %v, want %v", k, got[k], w)
			}
		}
		if len(got) != len(want) {
			t.Errorf("outbox = %v", got)
		}
	})
}

// TestSendManyIsSend: a batch written by SendMany queues exactly what Send
// queues one by one, for people with every mix of verified addresses,
// consents, choices and languages; a second batch with the same dedupe
// sends nothing; a deleted account is skipped.
func TestSendManyIsSend(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, _ := apptest.Services(t, d)
		ctx := context.Background()
		n := a.Notify
		n.Enabled = map[notify.Channel]bool{notify.Email: true, notify.WhatsApp: true}
		var users []auth.User
		for i := range 12 {
			lang := "id"
			if i%3 == 2 {
				lang = "en"
			}
			u, err := a.Auth.Create(ctx, d, auth.NewUser{Login: fmt.Sprintf("orang%d@example.id", i), Name: "Orang", Roles: []auth.Role{auth.Pencari}, Lang: lang, NoPassword: true})
			if err != nil {
				t.Fatal(err)
			}
			now := n.Now().UTC()
			if i%2 == 0 {
				d.ExecContext(ctx, `INSERT INTO contacts (user_id, kind, address, verified_at, created_at) VALUES (?, 'email', ?, ?, ?)`, u.ID, u.Email, now, now)
			}
			if i%3 != 1 {
				d.ExecContext(ctx, `INSERT INTO contacts (user_id, kind, address, verified_at, created_at) VALUES (?, 'phone', ?, ?, ?)`, u.ID, fmt.Sprintf("+62812000000%02d", i), now, now)
			}
			for _, c := range []notify.Channel{notify.Email, notify.WhatsApp, notify.SMS} {
				if (i+int(c[0]))%3 != 0 {
					n.SetConsent(ctx, d, u.ID, c, true)
				}
			}
			if i%4 == 0 {
				n.SetChoices(ctx, &u, []notify.Choice{{Kind: notify.Digest, Channel: notify.Email, On: true}, {Kind: notify.Alert, Channel: notify.WhatsApp, On: false}})
			}
			users = append(users, u)
		}
		notice := func(u auth.User, k notify.Kind, dedupe string) notify.Notice {
			return notify.Notice{To: u.ID, Kind: k, Title: "ak1.valid_until", Body: "ak1.valid_until", Args: []any{"date", "1 Juli"}, URL: "/pencari", Dedupe: dedupe}
		}
		var batch []notify.Notice
		for _, u := range users {
			for _, k := range []notify.Kind{notify.Digest, notify.Alert, notify.Application} {
				if _, err := n.Send(ctx, d, notice(u, k, "one:"+string(k))); err != nil {
					t.Fatal(err)
				}
				batch = append(batch, notice(u, k, "many:"+string(k)))
			}
		}
		batch = append(batch, notify.Notice{To: 999999, Kind: notify.Digest, Title: "ak1.valid_until", Dedupe: "many:x"})
		if got, err := n.SendMany(ctx, d, batch); err != nil || got != len(batch)-1 {
			t.Fatalf("SendMany = %d, %v; want %d", got, err, len(batch)-1)
		}
		if got, err := n.SendMany(ctx, d, batch); err != nil || got != 0 {
			t.Fatalf("again: %d, %v", got, err)
		}
		rows := func(prefix string) map[string]int {
			t.Helper()
			r, err := d.QueryContext(ctx, `SELECT o.user_id, o.kind, o.channel, o.address, o.lang, o.subject, o.body, o.next_at = o.created_at
				FROM outbox o JOIN notifications m ON m.id = o.notification_id WHERE m.dedupe LIKE ?`, prefix+":%")
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			out := map[string]int{}
			for r.Next() {
				var user int64
				var k, c, a, lang, subj, body string
				var now bool
				r.Scan(&user, &k, &c, &a, &lang, &subj, &body, &now)
				out[fmt.Sprint(user, k, c, a, lang, subj, body, now)]++
			}
			return out
		}
		one, many := rows("one"), rows("many")
		if len(one) == 0 || fmt.Sprint(one) != fmt.Sprint(many) {
			t.Fatalf("Send queued %d rows, SendMany %d:\n%v\n%v", len(one), len(many), one, many)
		}
		if _, err := n.SendMany(ctx, d, []notify.Notice{{To: users[0].ID, Kind: notify.Digest, Title: "x"}}); err == nil {
			t.Error("a notice without dedupe was taken")
		}
	})
}
